package org.audiostream.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One scrape of a Prometheus text page: sample values by full series name (labels included, as
 * printed), plus classic histograms' buckets and their quantiles between two scrapes, interpolated
 * linearly inside a bucket as PromQL's {@code histogram_quantile} does. Threads: immutable after
 * parsing.
 */
final class PromScrape {

    private final Map<String, Double> samples = new HashMap<>();

    PromScrape(String text) {
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            try {
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            } catch (NumberFormatException | StringIndexOutOfBoundsException notASample) {
                // exemplars or timestamps are not used here
            }
        }
    }

    /** The value of the series printed exactly as {@code series}, or {@code NaN}. */
    double value(String series) {
        return samples.getOrDefault(series, Double.NaN);
    }

    /** The sum of every series of metric {@code name} whose labels contain {@code labelPart}. */
    double sum(String name, String labelPart) {
        double total = 0;
        for (Map.Entry<String, Double> e : samples.entrySet()) {
            String k = e.getKey();
            boolean ofMetric = k.equals(name) || k.startsWith(name + "{");
            if (ofMetric && k.contains(labelPart)) {
                total += e.getValue();
            }
        }
        return total;
    }

    /** The largest value among the series of metric {@code name}, or 0. */
    double max(String name) {
        return samples.entrySet().stream().filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .mapToDouble(Map.Entry::getValue).max().orElse(0);
    }

    /** Cumulative bucket counts of histogram {@code name} by upper bound ({@code +Inf} last). */
    TreeMap<Double, Double> buckets(String name) {
        TreeMap<Double, Double> out = new TreeMap<>();
        String prefix = name + "_bucket{le=\"";
        for (Map.Entry<String, Double> e : samples.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                String le = e.getKey().substring(prefix.length(), e.getKey().indexOf('"', prefix.length()));
                out.put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), e.getValue());
            }
        }
        return out;
    }

    /**
     * The {@code q} quantile (0..1) of what histogram {@code name} recorded between {@code before}
     * and {@code after}, or {@code NaN} if nothing was; the last finite bound if it is in {@code +Inf}.
     */
    static double quantile(PromScrape before, PromScrape after, String name, double q) {
        TreeMap<Double, Double> a = after.buckets(name);
        TreeMap<Double, Double> b = before.buckets(name);
        List<double[]> deltas = new ArrayList<>();
        for (Map.Entry<Double, Double> e : a.entrySet()) {
            deltas.add(new double[] {e.getKey(), e.getValue() - b.getOrDefault(e.getKey(), 0.0)});
        }
        if (deltas.isEmpty() || deltas.get(deltas.size() - 1)[1] <= 0) {
            return Double.NaN;
        }
        double total = deltas.get(deltas.size() - 1)[1];
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (double[] d : deltas) {
            if (d[1] >= rank) {
                if (Double.isInfinite(d[0])) {
                    return lowerBound;
                }
                double inBucket = d[1] - lowerCount;
                return inBucket <= 0 ? d[0] : lowerBound + (d[0] - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = d[0];
            lowerCount = d[1];
        }
        return lowerBound;
    }
}
