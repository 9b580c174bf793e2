package org.audiostream.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The C load tools of the benchmarks ({@code src/test/c/bm19_*.c}), compiled with gcc into
 * {@code target/bench/} when the binary is missing or older than its source or the shared headers. gcc is in
 * {@code .ci/debian-packages}. Threads: {@link #binary} is synchronized.
 */
final class NativeTool {

    private static final Path SOURCES = Path.of("src/test/c");
    private static final Path OUT = Path.of("target/bench");

    private NativeTool() {
    }

    /** The compiled program {@code name} (e.g. {@code bm19_rtpgen}), built first if needed. */
    static synchronized Path binary(Path root, String name) throws IOException, InterruptedException {
        Path source = root.resolve(SOURCES).resolve(name + ".c");
        Path binary = root.resolve(OUT).resolve(name);
        if (Files.isExecutable(binary) && Files.getLastModifiedTime(binary).compareTo(newestSource(source)) > 0) {
            return binary;
        }
        Files.createDirectories(binary.getParent());
        List<String> gcc = new ArrayList<>(List.of("gcc", "-O2", "-Wall", "-Wextra", "-Werror", "-o", binary.toString(),
                source.toString(), "-lm"));
        Process p;
        try {
            p = new ProcessBuilder(gcc).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run gcc to build " + source + ": install the Debian package gcc", e);
        }
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("compiling " + source + " failed:\n" + log);
        }
        return binary;
    }

    /** The newer of {@code source} and the headers beside it (the tools share {@code command_lines.h}). */
    private static FileTime newestSource(Path source) throws IOException {
        FileTime newest = Files.getLastModifiedTime(source);
        try (DirectoryStream<Path> headers = Files.newDirectoryStream(source.getParent(), "*.h")) {
            for (Path header : headers) {
                FileTime t = Files.getLastModifiedTime(header);
                if (t.compareTo(newest) > 0) {
                    newest = t;
                }
            }
        }
        return newest;
    }
}
