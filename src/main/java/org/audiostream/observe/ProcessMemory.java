package org.audiostream.observe;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the process holds in memory: the resident set as the kernel counts it (heap, direct buffers,
 * thread stacks, code, everything) next to the Java heap, for {@code global_health}.
 *
 * <p>Threads: stateless; any thread (not a media thread: reading {@code /proc} is a file read).
 */
public record ProcessMemory(long rssBytes, long heapUsedBytes, long heapCommittedBytes, long heapMaxBytes) {

    private static final Path STATUS = Path.of("/proc/self/status");

    /** Now; {@code rssBytes} is -1 where {@code /proc/self/status} is not available (not Linux). */
    public static ProcessMemory now() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new ProcessMemory(rss(), heap.getUsed(), heap.getCommitted(), heap.getMax());
    }

    private static long rss() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim()) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
