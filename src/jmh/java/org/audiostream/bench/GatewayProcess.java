package org.audiostream.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code audio-stream serve} from the packaged jar in a JVM of its own, as operators run it, with the JVM
 * flags the launcher would give it (ZGC, native access, and the memory flags {@code config heap} sizes from the
 * configuration) and settings from its environment as well as the YAML file. Its output goes to {@code gateway.log} in the run directory. Threads: one driving thread.
 */
final class GatewayProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;
    private final int httpPort;
    private final HttpClient http = HttpClient.newHttpClient();

    private GatewayProcess(Process process, Path log, int httpPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    /**
     * Starts the gateway with {@code configYaml} and waits for its {@code gateway_start ok} line.
     *
     * @param jar {@code target/audio-stream.jar}
     */
    static GatewayProcess start(Path jar, Path dir, String configYaml, int httpPort, Map<String, String> env)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with mvn -DskipTests package");
        }
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, configYaml);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow()));
        command.addAll(launcherFlags());
        command.addAll(heapFlags(command, jar, config, env));
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "serve", "--config", config.toString()));
        Files.writeString(dir.resolve("gateway-command.txt"), env + " " + String.join(" ", command) + "\n");
        Path log = dir.resolve("gateway.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        GatewayProcess gateway = new GatewayProcess(p, log, httpPort);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.readString(log).contains("gateway_start ok")) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                gateway.close();
                throw new IllegalStateException("the gateway did not start; its output is in " + log);
            }
            Thread.sleep(100);
        }
        return gateway;
    }

    /** The JVM flags {@code ./audio-stream} gives the gateway on this JDK: generational ZGC, native access. */
    private static List<String> launcherFlags() {
        int feature = Runtime.version().feature();
        List<String> flags = new ArrayList<>(List.of("-XX:+UseZGC"));
        if (feature < 23) {
            flags.add("-XX:+ZGenerational");
        }
        if (feature >= 24) {
            flags.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
        }
        return flags;
    }

    /** What {@code config heap} prints for this configuration, as the launcher asks it before {@code serve}. */
    private static List<String> heapFlags(List<String> javaAndFlags, Path jar, Path config, Map<String, String> env)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(javaAndFlags);
        command.addAll(List.of("-Xmx64m", "-jar", jar.toAbsolutePath().toString(), "config", "heap", "--config",
                config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        Process p = builder.start();
        String line = new String(p.getInputStream().readAllBytes()).strip();
        if (p.waitFor() != 0 || line.isEmpty()) {
            throw new IllegalStateException("config heap failed for " + config + " (exit " + p.exitValue() + ")");
        }
        return List.of(line.split("\\s+"));
    }

    long pid() {
        return process.pid();
    }

    PromScrape metrics() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build();
        return new PromScrape(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Live sessions, all modes and health states. */
    int sessions() throws IOException, InterruptedException {
        return (int) metrics().sum("audiostream_sessions", "");
    }

    /** Forces a full collection ({@code jcmd GC.run}) and returns the heap in use right after it. */
    long heapAfterFullGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        return (long) metrics().sum("jvm_memory_used_bytes", "area=\"heap\"");
    }

    /** Runs {@code jcmd <pid> <command...>} and waits for it (up to 60 s). */
    void jcmd(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid())));
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", line) + " did not finish within 60 s");
        }
    }

    /** ZGC's committed heap ({@code jcmd GC.heap_info}: "capacity"), -1 if it cannot be read. */
    long heapCapacityBytes() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid()), "GC.heap_info").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(60, TimeUnit.SECONDS);
        Matcher m = Pattern.compile("capacity (\\d+)M").matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) << 20 : -1;
    }

    long residentBytes() {
        return CpuClock.residentBytes(pid());
    }

    Path log() {
        return log;
    }

    /** SIGTERM (a drain), then SIGKILL if it has not exited within 20 s. */
    @Override
    public void close() throws InterruptedException {
        http.close();
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
