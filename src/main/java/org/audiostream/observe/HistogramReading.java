package org.audiostream.observe;

import java.util.Arrays;
import org.HdrHistogram.AbstractHistogram;

/**
 * A histogram recorded elsewhere (e.g. in an HdrHistogram on a media thread) as read at scrape time:
 * cumulative since start, in Prometheus' classic-bucket form. Threads: immutable.
 *
 * @param upperBounds ascending bucket bounds in the metric's base unit, the last one {@code +Inf}
 * @param bucketCounts observations per bucket (not cumulative): {@code bucketCounts[i]} fell in
 *     {@code (upperBounds[i-1], upperBounds[i]]}
 * @param sum the sum of all observations, in the base unit
 */
public record HistogramReading(double[] upperBounds, long[] bucketCounts, double sum) {

    public HistogramReading {
        if (upperBounds.length == 0 || upperBounds.length != bucketCounts.length
                || upperBounds[upperBounds.length - 1] != Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("histogram reading rejected: bounds=" + Arrays.toString(upperBounds)
                    + " counts=" + bucketCounts.length + " (need equal lengths and a last bound of +Inf)");
        }
    }

    /** {@code nanos}, a histogram of nanoseconds, read into the buckets {@code upperBoundsSeconds}. */
    public static HistogramReading ofNanos(AbstractHistogram nanos, double[] upperBoundsSeconds) {
        long[] counts = new long[upperBoundsSeconds.length];
        long below = 0;
        for (int i = 0; i < upperBoundsSeconds.length; i++) {
            double bound = upperBoundsSeconds[i];
            long cumulative = bound == Double.POSITIVE_INFINITY ? nanos.getTotalCount()
                    : nanos.getCountBetweenValues(0, (long) (bound * 1e9));
            counts[i] = cumulative - below;
            below = cumulative;
        }
        return new HistogramReading(upperBoundsSeconds, counts, nanos.getMean() * nanos.getTotalCount() / 1e9);
    }

    /** Observations in all buckets. */
    public long count() {
        return Arrays.stream(bucketCounts).sum();
    }
}
