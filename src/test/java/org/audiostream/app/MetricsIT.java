package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.audiostream.testing.PythonWsServer;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} of a gateway that has carried a streaming call: Prometheus' own linter ({@code promtool
 * check metrics}, Debian {@code prometheus}) finds nothing wrong in the whole exposition, and the series an
 * operator alerts on (docs/operations.md) are there with the values the call produced; every series the alert
 * rules in {@code deploy/prometheus} use is exported.
 */
class MetricsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void theExpositionIsLintCleanAndCountsTheCall() throws Exception {
        try (PythonWsServer app = PythonWsServer.start(); GatewayHarness gw = GatewayHarness.start(Map.of())) {
            String uuid;
            try (TestCall call = TestCall.place(gw, "metrics", Map.of(), TestAudio.sine(8000, 440, 1000, 8000))) {
                uuid = call.uuid();
                assertThat(gw.api("uuid_audio_stream " + uuid + " start " + app.url("/m") + " mono 8k"))
                        .isEqualTo(GatewayHarness.OK);
                AppFrames.awaitBinary(app, AppFrames.awaitConnection(app, "/m"), 75);   // RTP figures are published once a second
                call.hangUp();
            }
            gw.awaitEvent("call::hangup", uuid, WAIT);
            String text = await().atMost(WAIT).until(() -> gw.get("/metrics").body(),
                    m -> value(m, "audiostream_sessions_ended_total") == 1);

            assertThat(promtool(text)).as("promtool check metrics").isEmpty();
            Matcher used = Pattern.compile("\\b(audiostream_[a-z_]+|process_[a-z_]+)").matcher(
                    Files.readString(Path.of("deploy/prometheus/audio-stream.rules.yml")));
            while (used.find()) {
                assertThat(text).as("series %s used by an alert rule", used.group(1)).contains("\n" + used.group(1));
            }
            assertThat(value(text, "audiostream_sessions_started_total")).isEqualTo(1);
            assertThat(value(text, "audiostream_capture_frames_total")).isGreaterThanOrEqualTo(25);
            assertThat(value(text, "audiostream_capture_bytes_total")).isGreaterThanOrEqualTo(25 * 320);
            assertThat(value(text, "audiostream_ws_connects_total")).isEqualTo(1);
            assertThat(value(text, "audiostream_rtp_packets_received_total")).isGreaterThan(0);
            assertThat(value(text, "audiostream_sip_responses_sent_total{code=\"200\"}")).isGreaterThanOrEqualTo(2);
            assertThat(value(text, "audiostream_sessions{health=\"HEALTHY\",mode=\"none\"}")).isZero();
            assertThat(value(text, "audiostream_frame_processing_seconds_count")).isGreaterThan(25);
            assertThat(value(text, "audiostream_clock_lateness_seconds_bucket{le=\"+Inf\"}")).isGreaterThan(25);
            assertThat(value(text, "process_resident_memory_bytes")).isGreaterThan(10e6);
            assertThat(text).contains("# TYPE audiostream_frame_processing_seconds histogram",
                    "# TYPE audiostream_inject_underruns_total counter", "# TYPE audiostream_sessions gauge",
                    "audiostream_admission_rejections_total{reason=\"draining\"}",
                    "audiostream_admission_rejections_total{reason=\"overload\"}", "audiostream_media_clock_overloaded 0.0",
                    "audiostream_ws_breakers{state=\"OPEN\"}");
        }
    }

    /** What {@code promtool check metrics} says about {@code exposition} (nothing when it is clean). */
    static String promtool(String exposition) throws IOException, InterruptedException {
        Path in = Files.createTempFile("metrics-", ".txt");
        try {
            Files.writeString(in, exposition);
            Process p = new ProcessBuilder("promtool", "check", "metrics").redirectInput(in.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return p.exitValue() == 0 ? out.strip() : ("exit " + p.exitValue() + ": " + out).strip();
        } finally {
            Files.deleteIfExists(in);
        }
    }

    /** The value of the series written exactly as {@code series} (name and labels), or -1 if absent. */
    static double value(String exposition, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
