package org.audiostream.observe;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.management.ManagementFactory;

/**
 * The process meters under the names Prometheus' own clients use: {@code process_resident_memory_bytes}
 * (seed §9.3 alerts on RSS per process), as {@link ProcessMemory} reads it (NaN where unknown), and
 * {@code process_cpu_seconds_total}.
 *
 * <p>Threads: stateless; read on the scraping thread.
 */
public final class ProcessMetrics implements MeterBinder {

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("process.resident.memory", () -> {
                    long rss = ProcessMemory.residentBytes();
                    return rss < 0 ? Double.NaN : rss;
                }).baseUnit("bytes")
                .description("Resident set size of the process").register(registry);
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            FunctionCounter.builder("process.cpu", os, o -> o.getProcessCpuTime() / 1e9).baseUnit("seconds")
                    .description("CPU time the process used, user and system").register(registry);
        }
    }
}
