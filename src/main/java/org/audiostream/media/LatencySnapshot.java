package org.audiostream.media;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of one interval of a shard's latency histogram, in nanoseconds (HdrHistogram, two
 * significant digits). Threads: immutable; any thread.
 */
public record LatencySnapshot(long count, long p50Nanos, long p99Nanos, long maxNanos) {

    static LatencySnapshot of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return new LatencySnapshot(0, 0, 0, 0);
        }
        return new LatencySnapshot(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(99), histogram.getMaxValue());
    }
}
