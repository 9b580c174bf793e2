package org.audiostream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Precise CPU time on this Linux box (reference/load_generation.md §5): a process's time on CPU is
 * the sum of field 1 of {@code /proc/<pid>/task/*}{@code /schedstat} over its threads, in
 * nanoseconds; the box's busy time is {@code cores * wall - idle}, idle being field 2 of
 * {@code /proc/uptime}. Tick-based figures (top, /proc/stat) alias with 20 ms RTP here and are
 * never used. Threads: stateless; any thread.
 */
final class CpuClock {

    private CpuClock() {
    }

    /** Nanoseconds on CPU of every live thread of {@code pid}; threads that ended are not counted. */
    static long processNanos(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        long sum = 0;
        try (Stream<Path> list = Files.list(tasks)) {
            for (Path task : list.toList()) {
                try {
                    String line = Files.readString(task.resolve("schedstat")).trim();
                    sum += Long.parseLong(line.substring(0, line.indexOf(' ')));
                } catch (IOException threadEnded) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return sum;
    }

    /**
     * Nanoseconds on CPU of every live thread of {@code pid}, summed by thread name with trailing
     * digits folded ({@code io-1-1}, {@code io-1-2} → {@code io-1-N}), so that pools compare across runs.
     */
    static Map<String, Long> threadNanos(long pid) {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> list = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : list.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim().replaceAll("\\d+$", "N");
                    String line = Files.readString(task.resolve("schedstat")).trim();
                    out.merge(name, Long.parseLong(line.substring(0, line.indexOf(' '))), Long::sum);
                } catch (IOException threadEnded) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /**
     * Clock ticks {@code pid}'s live threads spent in the kernel and in total (fields 15 and 14 + 15 of
     * {@code /proc/<pid>/task/*}{@code /stat}): tick-sampled, so only their ratio over a long window is
     * meaningful (the share of the process's CPU spent in system calls and the network stack).
     */
    static long[] kernelAndTotalTicks(long pid) {
        long kernel = 0;
        long total = 0;
        try (Stream<Path> list = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : list.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long user = Long.parseLong(fields[11]);
                    long system = Long.parseLong(fields[12]);
                    kernel += system;
                    total += user + system;
                } catch (IOException threadEnded) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            return new long[] {0, 0};
        }
        return new long[] {kernel, total};
    }

    /** Seconds the whole box was idle since boot, summed over its cores (precise under NO_HZ). */
    static double idleSeconds() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/uptime")).trim().split("\\s+")[1]);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/uptime", e);
        }
    }

    /** Resident set size of {@code pid} in bytes (VmRSS), or -1 if it is gone. */
    static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException gone) {
            return -1;
        }
        return -1;
    }

    /** The 1-minute load average and the processes running now, e.g. {@code "0.42"}. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0];
        } catch (IOException e) {
            return "n/a";
        }
    }
}
