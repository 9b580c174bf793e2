package org.audiostream.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's CPU time as the scheduler counts it: the sum over its threads of {@code /proc/<pid>/task/*&#47;schedstat}
 * field 1 (ns on CPU), the accounting that does not alias on these VMs (load_generation.md §5). Threads that
 * ended between two readings drop out of the sum, so read long-lived processes only.
 *
 * <p>Threads: stateless.
 */
final class ProcessCpu {

    private ProcessCpu() {}

    /** Nanoseconds on CPU so far of every live thread of {@code pid}. */
    static long nanos(long pid) throws IOException {
        long total = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    total += Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split("\\s+")[0]);
                } catch (IOException threadEnded) {
                    // the thread exited while we listed them
                }
            }
        }
        return total;
    }
}
