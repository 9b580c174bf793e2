package org.audiostream.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The process's metrics, served at {@code /metrics} in the Prometheus text format.
 *
 * <p><b>How a package adds its meters.</b> It writes one Micrometer {@link MeterBinder} that registers its
 * meters (counters, gauges, timers, function counters over its own counters) and the wiring hands it to
 * {@link #add}. Names use Micrometer's dotted form with the {@value #PREFIX} prefix
 * ({@code audiostream.ws.connects}); the Prometheus registry turns them into conventional names: counters
 * get {@code _total}, timers {@code _seconds}, and so on. Keep label values bounded (a mode, a state, a
 * status code, never a uuid or a URL). {@code MetricsConventionTest} runs {@code promtool check metrics} on
 * the whole exposition.
 *
 * <p>Two extras for what Micrometer cannot express: {@link #beforeScrape} for meters whose label values
 * appear at run time (they are registered just before each scrape), and {@link #histogram} for a histogram
 * that is recorded elsewhere, without Micrometer on the hot path, and read only at scrape time.
 *
 * <p>Threads: thread-safe; {@link #scrape} may run on any thread (an HTTP event loop).
 */
public final class Metrics implements AutoCloseable {

    public static final String PREFIX = "audiostream";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();

    /** Registers {@code source}'s meters now. */
    public Metrics add(MeterBinder source) {
        source.bindTo(registry);
        return this;
    }

    /** Runs {@code refresh} before every scrape (e.g. to register a counter for a status code seen since). */
    public void beforeScrape(Runnable refresh) {
        beforeScrape.add(refresh);
    }

    /**
     * A histogram named {@code name} (Prometheus form, e.g. {@code audiostream_frame_processing_seconds}),
     * read from {@code source} at each scrape.
     */
    public void histogram(String name, String help, Supplier<HistogramReading> source) {
        registry.getPrometheusRegistry().register(new Collector() {
            @Override
            public MetricSnapshot collect() {
                HistogramReading r = source.get();
                return HistogramSnapshot.builder().name(name).help(help)
                        .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                                .classicHistogramBuckets(ClassicHistogramBuckets.of(r.upperBounds(), r.bucketCounts()))
                                .sum(r.sum()).build())
                        .build();
            }

            @Override
            public String getPrometheusName() {
                return name;
            }
        });
    }

    /** For binders and tests that need the registry itself. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        beforeScrape.forEach(Runnable::run);
        return registry.scrape();
    }

    @Override
    public void close() {
        registry.close();
    }
}
