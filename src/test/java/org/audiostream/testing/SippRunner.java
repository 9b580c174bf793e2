package org.audiostream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code /usr/bin/sipp} (Debian sip-tester 3.6.1) against a UAS, bounded by {@code -timeout}
 * and a hard process deadline, with statistics, errors and messages traced into
 * {@code target/sipp/<name>/}, which is also SIPp's working directory (where scenarios find
 * {@code pcap/...} and {@code rtp_stream} files; see {@link #run(String, InetSocketAddress, Duration, Map,
 * String...)}). The process is always gone when {@link #run} returns.
 */
public final class SippRunner {

    public static final Path SIPP = Path.of("/usr/bin/sipp");

    /** Exit code, the final cumulative statistics row, and where the traces are. */
    public record Result(int exitCode, Map<String, String> stats, Path dir) {
        public long successful() {
            return Long.parseLong(stats.getOrDefault("SuccessfulCall(C)", "-1"));
        }

        public long failed() {
            return Long.parseLong(stats.getOrDefault("FailedCall(C)", "-1"));
        }

        /** The counts and where the traces are; after a failed run also excerpts of them (bounded). */
        public String describe() {
            String summary = "sipp exit=" + exitCode + " successful=" + successful() + " failed=" + failed() + " traces=" + dir;
            return exitCode == 0 && failed() == 0 ? summary : summary + "\n" + SippTraces.excerpt(dir);
        }

        /** The Call-IDs of the calls that SIPp's error log names (aborted, timed out, unexpected message). */
        public List<String> failedCallIds() {
            return SippTraces.failedCallIds(dir);
        }

        /** What the scenario's {@code <log message=…>} actions wrote, one line each. */
        public List<String> logLines() {
            Path log = dir.resolve("logs.log");
            try {
                return Files.exists(log) ? Files.readAllLines(log) : List.of();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private SippRunner() {
    }

    public static Path scenario(String name) {
        Path p = Path.of("src/test/resources/sipp", name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("no SIPp scenario " + p.toAbsolutePath());
        }
        return p.toAbsolutePath();
    }

    /**
     * @param scenarioArgs e.g. {@code -sn uac} or {@code -sf <file>}, plus -m/-l/-r/-d ...
     */
    public static Result run(String name, InetSocketAddress uas, Duration timeout, String... scenarioArgs) {
        return run(name, uas, timeout, Map.of(), scenarioArgs);
    }

    /**
     * As {@link #run(String, InetSocketAddress, Duration, String...)}, with symbolic links made in the
     * working directory first, e.g. {@code "pcap" -> /usr/share/sip-tester} for the built-in
     * {@code uac_pcap} scenario, which plays {@code pcap/g711a.pcap} relative to it.
     *
     * @param links link name (relative to the working directory) to its target
     */
    public static Result run(String name, InetSocketAddress uas, Duration timeout, Map<String, Path> links,
                             String... scenarioArgs) {
        Path dir = Path.of("target/sipp", name).toAbsolutePath();
        Process p = null;
        try {
            Files.createDirectories(dir);
            try (var old = Files.list(dir)) {
                for (Path f : old.toList()) {
                    Files.delete(f);
                }
            }
            for (Map.Entry<String, Path> link : links.entrySet()) {
                Files.createSymbolicLink(dir.resolve(link.getKey()), link.getValue().toAbsolutePath());
            }
            List<String> cmd = new ArrayList<>(List.of(SIPP.toString(), uas.getHostString() + ":" + uas.getPort(),
                    "-i", "127.0.0.1", "-p", String.valueOf(freePort()), "-mp", String.valueOf(freeMediaPort()),
                    "-nostdin", "-timeout", timeout.toSeconds() + "s", "-timeout_error",
                    "-trace_stat", "-stf", dir.resolve("stat.csv").toString(), "-fd", "1",
                    "-trace_err", "-error_file", dir.resolve("errors.log").toString(),
                    "-trace_msg", "-message_file", dir.resolve("messages.log").toString(),
                    "-trace_logs", "-log_file", dir.resolve("logs.log").toString()));
            cmd.addAll(List.of(scenarioArgs));
            Files.writeString(dir.resolve("command.txt"), String.join(" ", cmd) + "\n");
            p = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectOutput(dir.resolve("stdout.txt").toFile())
                    .redirectError(dir.resolve("stderr.txt").toFile())
                    .start();
            if (!p.waitFor(timeout.toSeconds() + 15, TimeUnit.SECONDS)) {
                throw new AssertionError("sipp did not exit within " + (timeout.toSeconds() + 15) + " s; traces in " + dir);
            }
            return new Result(p.exitValue(), lastStats(dir.resolve("stat.csv")), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for sipp", e);
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    private static Map<String, String> lastStats(Path csv) throws IOException {
        Map<String, String> out = new HashMap<>();
        if (!Files.exists(csv)) {
            return out;
        }
        List<String> lines = Files.readAllLines(csv).stream().filter(l -> !l.isBlank()).toList();
        if (lines.size() < 2) {
            return out;
        }
        String[] header = lines.get(0).split(";");
        String[] last = lines.get(lines.size() - 1).split(";");
        for (int i = 0; i < Math.min(header.length, last.length); i++) {
            out.put(header[i].trim(), last[i].trim());
        }
        return out;
    }

    /**
     * A loopback UDP port P free right now with P+2 free as well: SIPp's {@code -mp P} binds its audio
     * socket to P and its video socket to P+2, and exits at once when either is taken.
     */
    private static int freeMediaPort() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (DatagramSocket audio = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                int port = audio.getLocalPort();
                if (port + 2 > 65_535) {
                    continue;
                }
                try (DatagramSocket video = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port + 2))) {
                    return port;
                } catch (IOException taken) {
                    // P+2 busy: try another
                }
            }
        }
        throw new IOException("no loopback UDP port P with P+2 free after 20 attempts");
    }

    /** A port free for both UDP and TCP on loopback right now. */
    public static int freePort() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                int port = d.getLocalPort();
                try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException taken) {
                    // TCP side busy: try another
                }
            }
        }
        throw new IOException("no free loopback port for UDP+TCP after 20 attempts");
    }
}
