package org.audiostream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One BM-21 sample of the gateway process. Threads: immutable.
 *
 * @param seconds since the soak started
 * @param heapAfterGcBytes heap in use right after a full collection
 * @param rssBytes resident set (VmRSS)
 * @param heapCapacityBytes the heap ZGC has committed (it grows it towards its soft maximum under load)
 */
record Bm21Sample(double seconds, long heapAfterGcBytes, long rssBytes, long heapCapacityBytes, int fds, int threads,
                  int sessions) {

    static Bm21Sample take(GatewayProcess gateway, double seconds) throws IOException, InterruptedException {
        long heap = gateway.heapAfterFullGc();
        return new Bm21Sample(seconds, heap, gateway.residentBytes(), gateway.heapCapacityBytes(), count(gateway.pid(), "fd"),
                count(gateway.pid(), "task"), gateway.sessions());
    }

    private static int count(long pid, String dir) throws IOException {
        try (Stream<Path> entries = Files.list(Path.of("/proc", Long.toString(pid), dir))) {
            return (int) entries.count();
        }
    }

    /** Resident memory outside the heap ZGC committed: where a native leak would show. */
    long outsideHeapBytes() {
        return rssBytes - heapCapacityBytes;
    }

    String describe() {
        return String.format(Locale.ROOT, "t=%5.0fs heap=%6.1f MB rss=%7.1f MB heap committed=%6.1f MB fds=%5d threads=%4d "
                + "sessions=%5d", seconds, heapAfterGcBytes / 1048576.0, rssBytes / 1048576.0, heapCapacityBytes / 1048576.0,
                fds, threads, sessions);
    }
}
