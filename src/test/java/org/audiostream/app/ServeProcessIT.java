package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.audiostream.testing.SippRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audio-stream serve} as operators run it: the packaged jar in its own JVM, configured by a YAML
 * file, stopped by SIGTERM while a SIPp call is up. The call gets the gateway's BYE with
 * {@code Reason: Q.850;cause=41}, the log shows the drain, and the process exits 0.
 */
class ServeProcessIT {

    private static final Path JAR = Path.of("target/audio-stream.jar");

    @Test
    void sigtermDrainsHangsUpTheLiveCallAndExitsZero(@TempDir Path dir) throws Exception {
        assertThat(JAR).as("the jar Maven packages before the integration tests").exists();
        int sipPort = SippRunner.freePort();
        int httpPort = SippRunner.freePort();
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, "sip:\n  bind: 127.0.0.1:" + sipPort + "\nhttp:\n  bind: 127.0.0.1:" + httpPort
                + "\nrtp:\n  ports: 61000-61999\nshutdown:\n  drain_timeout_ms: 1000\n");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow()));
        // the JVM flags the launcher would give this JDK, as the build gave them to this test JVM
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:") || a.startsWith("--enable-native-access") || a.startsWith("--sun-misc"))
                .forEach(command::add);
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString(), "serve", "--config", config.toString()));
        Path log = dir.resolve("serve.log");
        Process gateway = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (HttpClient http = HttpClient.newHttpClient()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(log).contains("gateway_start ok"));
            assertThat(get(http, httpPort, "/readyz")).isEqualTo(200);

            CompletableFuture<SippRunner.Result> call = CompletableFuture.supplyAsync(() -> SippRunner.run("serve-sigterm",
                    new InetSocketAddress("127.0.0.1", sipPort), Duration.ofSeconds(30),
                    "-sf", SippRunner.scenario("await_bye.xml").toString(), "-m", "1"));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).contains("SIP call answered"));

            gateway.destroy(); // SIGTERM
            assertThat(gateway.waitFor(15, TimeUnit.SECONDS)).as("exited within 15 s").isTrue();
            assertThat(gateway.exitValue()).as("exit status; output:\n%s", Files.readString(log)).isZero();

            SippRunner.Result r = call.get(30, TimeUnit.SECONDS);
            assertThat(r.successful()).as(r.describe()).isEqualTo(1);
            assertThat(r.logLines()).anyMatch(l -> l.contains("reason Q.850;cause=41;"));
        } finally {
            gateway.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        assertThat(Files.readAllLines(log)).anyMatch(l -> l.contains("shutdown requested"))
                .anyMatch(l -> l.contains("drain started live_calls=1"))
                .anyMatch(l -> l.contains("drain deadline_reached hanging_up=1"))
                .anyMatch(l -> l.contains("gateway_stop ok sessions_created=1 sessions_destroyed=1"));
    }

    private static int get(HttpClient http, int port, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
