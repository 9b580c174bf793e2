package org.audiostream.media;

import java.lang.management.ManagementFactory;

/**
 * Test helper: bytes allocated on the current thread while running a piece of code, from
 * HotSpot's per-thread allocation counter. Threads: measures the calling thread only.
 */
public final class AllocationProbe {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationProbe() {
    }

    /** Runs {@code body} {@code warmups} times untimed, then returns the bytes one more run allocates. */
    public static long bytesAllocated(int warmups, Runnable body) {
        for (int i = 0; i < warmups; i++) {
            body.run();
        }
        long before = THREADS.getCurrentThreadAllocatedBytes();
        body.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }
}
