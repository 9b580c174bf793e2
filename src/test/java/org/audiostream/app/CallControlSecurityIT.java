package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.audiostream.observe.SecurityEvent;
import org.audiostream.testing.PythonWsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Issue 14 finding 1, reproduced against a running gateway with a python3-websockets app standing in for
 * both the operator's app and an attacker's server: per-call control headers count only from trusted
 * signalling sources, stream targets must be on the allow-list, and the service's extra headers (a bearer
 * token) reach only the targets they are configured for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallControlSecurityIT {

    private static final String TOKEN = "Bearer it-secret-7c1d9e";
    private PythonWsServer app;

    @BeforeAll
    void startApp() throws Exception {
        app = PythonWsServer.start();
    }

    @AfterAll
    void stopApp() {
        app.close();
    }

    @Test
    void controlHeadersFromAnUntrustedSourceAreIgnoredCountedAndTheCallIsStillAnswered() throws Exception {
        long before = SecurityEvent.UNTRUSTED_SIGNALLING.total();
        // the test caller signals from 127.0.0.1, which this gateway does not trust
        try (GatewayHarness gw = GatewayHarness.start(Map.of("AUDIO_STREAM_SIP_TRUSTED_SOURCES", "192.0.2.0/24"));
             TestCall call = TestCall.place(gw, "outsider", Map.of("X-AUDIO_STREAM_START", app.url("/attacker") + " mono 8k",
                     "X-AUDIO_STREAM_RTP_PACKETS", "5"), new short[0])) {
            await("the call stays parked").atMost(AppFrames.WAIT).during(Duration.ofMillis(700))
                    .until(() -> gw.session(call.uuid()).get("state").asString().equals("PARKED"));
            assertThat(app.events("connect")).as("connections to the attacker's URL")
                    .noneMatch(e -> e.get("path").asString().equals("/attacker"));
            assertThat(SecurityEvent.UNTRUSTED_SIGNALLING.total() - before).as("refusals counted").isEqualTo(1);
            assertThat(gw.get("/metrics").body()).contains("audiostream_security_events_total{event=\"untrusted_signalling\"}");

            // the operator's API may still start it, and the ignored X-AUDIO_STREAM_RTP_PACKETS=5 does not apply
            assertThat(gw.api("uuid_audio_stream " + call.uuid() + " start " + app.url("/operator") + " mono 8k"))
                    .isEqualTo(GatewayHarness.OK);
            int conn = AppFrames.awaitConnection(app, "/operator");
            AppFrames.awaitBinary(app, conn, 3);
            AppFrames.assertMetadataFirstThenFramesOf(app, conn, null, AppFrames.frameBytes(8000, 1, 1));
            call.hangUp();
        }
    }

    @Test
    void aTargetOffTheAllowListIsRefusedFromTheApiAndFromATrustedHeader() throws Exception {
        long before = SecurityEvent.TARGET_NOT_ALLOWED.total();
        String allowed = "ws://127.0.0.1:" + app.port() + "/allowed";
        try (GatewayHarness gw = GatewayHarness.start(Map.of("AUDIO_STREAM_ALLOWED_TARGETS", allowed));
             TestCall viaHeader = TestCall.place(gw, "hdr", Map.of("X-AUDIO_STREAM_START", app.url("/elsewhere") + " mono 8k"),
                     new short[0])) {
            await("the header's start is refused, the call parked").atMost(AppFrames.WAIT).during(Duration.ofMillis(500))
                    .until(() -> gw.session(viaHeader.uuid()).get("state").asString().equals("PARKED"));
            assertThat(gw.api("uuid_audio_stream " + viaHeader.uuid() + " start " + app.url("/elsewhere/x") + " mono 8k"))
                    .isEqualTo("-ERR stream target ws://127.0.0.1:" + app.port() + "/elsewhere/x is not allowed (not in "
                            + "AUDIO_STREAM_ALLOWED_TARGETS)\n");
            assertThat(gw.api("uuid_audio_stream " + viaHeader.uuid() + " start " + app.url("/allowed/../elsewhere") + " mono 8k"))
                    .startsWith("-ERR stream target");
            assertThat(SecurityEvent.TARGET_NOT_ALLOWED.total() - before).isEqualTo(3);
            assertThat(app.events("connect")).noneMatch(e -> e.get("path").asString().startsWith("/elsewhere"));

            assertThat(gw.api("uuid_audio_stream " + viaHeader.uuid() + " start " + app.url("/allowed?call=1") + " mono 8k"))
                    .isEqualTo(GatewayHarness.OK);
            AppFrames.awaitBinary(app, AppFrames.awaitConnection(app, "/allowed?call=1"), 2);
            viaHeader.hangUp();
        }
    }

    @Test
    void theServicesExtraHeadersGoOnlyToTheTargetsTheyAreConfiguredFor() throws Exception {
        String forTokens = "ws://127.0.0.1:" + app.port() + "/tokens";
        try (GatewayHarness gw = GatewayHarness.start(Map.of(
                "AUDIO_STREAM_EXTRA_HEADERS", "{\"Authorization\":\"" + TOKEN + "\"}",
                "AUDIO_STREAM_EXTRA_HEADERS_TARGETS", forTokens));
             TestCall call = TestCall.place(gw, "headers")) {
            assertThat(headersOfStreamTo(gw, call.uuid(), "/tokens")).as("configured target")
                    .containsEntry("authorization", TOKEN);
            assertThat(headersOfStreamTo(gw, call.uuid(), "/other")).as("another allowed target")
                    .doesNotContainKey("authorization");
            call.hangUp();
            try (TestCall ownHeaders = TestCall.place(gw, "own-headers",
                    Map.of("X-AUDIO_STREAM_EXTRA_HEADERS", "{\"X-Call-Token\":\"per-call-1\"}"), new short[0])) {
                assertThat(headersOfStreamTo(gw, ownHeaders.uuid(), "/other-too"))
                        .as("headers a trusted source set for this call go to its target")
                        .containsEntry("x-call-token", "per-call-1").doesNotContainKey("authorization");
                ownHeaders.hangUp();
            }
        }
    }

    /** Starts streaming to {@code path}, waits for the app to see it, stops; the upgrade request's headers. */
    private Map<String, String> headersOfStreamTo(GatewayHarness gw, String uuid, String path) {
        assertThat(gw.api("uuid_audio_stream " + uuid + " start " + app.url(path) + " mono 8k")).isEqualTo(GatewayHarness.OK);
        int conn = AppFrames.awaitConnection(app, path);
        assertThat(gw.api("uuid_audio_stream " + uuid + " stop")).isEqualTo(GatewayHarness.OK);
        AppFrames.awaitClosed(app, conn);
        JsonNode connect = app.events("connect").stream().filter(e -> e.get("conn").asInt() == conn).findFirst().orElseThrow();
        Map<String, String> headers = new java.util.HashMap<>();
        connect.get("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
        return headers;
    }
}
