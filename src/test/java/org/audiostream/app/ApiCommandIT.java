package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.audiostream.testing.SippRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audio-stream api "<command>"} against a running gateway: replies, exit codes, the bearer token. */
class ApiCommandIT {

    private static final String TOKEN = "t0ken-for-the-api-command-test";

    /** What the command printed; the test's log lines go to standard output too, so replies are matched per line. */
    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBuffer = new ByteArrayOutputStream();
        ByteArrayOutputStream errBuffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(outBuffer, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBuffer, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.run(args);
            return new Run(exit, outBuffer.toString(StandardCharsets.UTF_8), errBuffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void repliesAndExitCodesFollowTheReply() throws Exception {
        try (GatewayHarness gw = GatewayHarness.start(Map.of())) {
            String url = gw.httpBase().toString();

            Run health = run("api", "--url", url, "uuid_audio_stream global_health");
            assertThat(health.exit()).isZero();
            assertThat(health.out()).containsPattern("(?m)^\\{").contains("\"total_sessions_created\":0");

            Run unknown = run("api", "--url", url, "uuid_audio_stream", "6f1c8a7e-0000-4000-8000-000000000001", "pause");
            assertThat(unknown.exit()).isEqualTo(1);
            assertThat(unknown.out()).containsPattern("(?m)^-ERR no such session 6f1c8a7e-0000-4000-8000-000000000001$");

            Run usage = run("api", "--url", url, "uuid_audio_stream");
            assertThat(usage.exit()).isEqualTo(1);
            assertThat(usage.out()).containsPattern("(?m)^-USAGE: ");
        }
    }

    @Test
    void addressAndTokenComeFromTheOptionsOrTheGatewaysConfigFile(@TempDir Path dir) throws Exception {
        try (GatewayHarness gw = GatewayHarness.start(Map.of("AUDIO_STREAM_HTTP_TOKEN", TOKEN))) {
            String url = gw.httpBase().toString();
            Run refused = run("api", "--url", url, "global_health");
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.out()).containsPattern("(?m)^-ERR missing or wrong bearer token$");

            Run accepted = run("api", "--url", url, "--token", TOKEN, "global_health");
            assertThat(accepted.exit()).isZero();
            assertThat(accepted.out()).contains("\"total_sessions_created\":0").doesNotContain(TOKEN);

            Path config = dir.resolve("gateway.yaml");
            Files.writeString(config, "http:\n  bind: 127.0.0.1:" + gw.httpBase().getPort() + "\n  token: " + TOKEN + "\n");
            Run fromFile = run("api", "--config", config.toString(), "global_health");
            assertThat(fromFile.exit()).isZero();
            assertThat(fromFile.out()).contains("\"total_sessions_created\":0");
        }
    }

    @Test
    void anUnreachableGatewayIsExitTwoWithTheAddress() throws Exception {
        int closedPort = SippRunner.freePort();
        Run r = run("api", "--url", "http://127.0.0.1:" + closedPort, "global_health");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("-ERR cannot reach the gateway's admin server at http://127.0.0.1:" + closedPort + "/api");
    }
}
