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

    private static final Path STATM = Path.of("/proc/self/statm");
    private static final long PAGE_BYTES = 4096;

    /** Now; {@code rssBytes} is -1 where {@code /proc/self/statm} is not available (not Linux). */
    public static ProcessMemory now() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new ProcessMemory(residentBytes(), heap.getUsed(), heap.getCommitted(), heap.getMax());
    }

    /** The resident set in bytes, or -1 where {@code /proc/self/statm} is not available. */
    public static long residentBytes() {
        try {
            String[] fields = Files.readString(STATM).trim().split("\\s+");
            return Long.parseLong(fields[1]) * PAGE_BYTES;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
