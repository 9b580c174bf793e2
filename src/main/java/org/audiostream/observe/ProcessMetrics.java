package org.audiostream.observe;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process meters under the names Prometheus' own clients use: {@code process_resident_memory_bytes}
 * (seed §9.3 alerts on RSS per process), read from {@code /proc/self/statm} (Linux; NaN elsewhere), and
 * {@code process_cpu_seconds_total}.
 *
 * <p>Threads: stateless; read on the scraping thread.
 */
public final class ProcessMetrics implements MeterBinder {

    private static final Path STATM = Path.of("/proc/self/statm");
    private static final long PAGE_BYTES = 4096;

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("process.resident.memory", ProcessMetrics::residentBytes).baseUnit("bytes")
                .description("Resident set size of the process").register(registry);
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            FunctionCounter.builder("process.cpu", os, o -> o.getProcessCpuTime() / 1e9).baseUnit("seconds")
                    .description("CPU time the process used, user and system").register(registry);
        }
    }

    static double residentBytes() {
        try {
            String[] fields = Files.readString(STATM).trim().split("\\s+");
            return Long.parseLong(fields[1]) * PAGE_BYTES;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
