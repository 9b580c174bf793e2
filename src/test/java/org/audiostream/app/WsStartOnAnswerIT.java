package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.audiostream.testing.PythonWsServer;
import org.junit.jupiter.api.Test;

/**
 * Streaming that starts on answer with no API call: from the INVITE's {@code X-AUDIO_STREAM_START} header, and
 * from a {@code routing:} rule of the config file (with the rule's variables applied); the header's start wins
 * over a matching rule (whose variables still apply), and a call that matches nothing, or whose header the
 * API would refuse, stays parked.
 */
class WsStartOnAnswerIT extends SharedGatewayAndApp {

    @Override
    protected String gatewayYaml(PythonWsServer app) {
        return """
                routing:
                  - name: bots
                    match: { user: "^bot-" }
                    action: ws
                    start: '%s stereo 8k {"via":"rule"}'
                    variables: { AUDIO_STREAM_RTP_PACKETS: 2 }
                """.formatted(app.url("/rule"));
    }

    @Test
    void theStartHeaderStreamsOnAnswer() {
        String metadata = "{\"via\":\"header\", \"caller\":\"demo\"}";
        try (TestCall call = TestCall.place(gw, "hdr", Map.of("X-AUDIO_STREAM_START",
                app.url("/header") + " mixed 16k " + metadata), new short[0])) {
            int conn = AppFrames.awaitConnection(app, "/header");
            AppFrames.awaitBinary(app, conn, 10);
            gw.awaitEvent("mod_audio_stream::connect", call.uuid(), AppFrames.WAIT);
            AppFrames.assertMetadataFirstThenFramesOf(app, conn, metadata, AppFrames.frameBytes(16000, 1, 1));
            assertThat(gw.session(call.uuid()).get("mode").asString()).isEqualTo("ws");
            call.hangUp();
        }
    }

    @Test
    void aRoutingRuleStreamsOnAnswerWithItsVariables() {
        try (TestCall call = TestCall.place(gw, "bot")) {
            int conn = AppFrames.awaitConnection(app, "/rule");
            AppFrames.awaitBinary(app, conn, 5);
            gw.awaitEvent("mod_audio_stream::connect", call.uuid(), AppFrames.WAIT);
            AppFrames.assertMetadataFirstThenFramesOf(app, conn, "{\"via\":\"rule\"}", AppFrames.frameBytes(8000, 2, 2));
            call.hangUp();
        }
    }

    @Test
    void theHeaderWinsOverARuleAndACallThatMatchesNothingIsParked() {
        int connectionsBefore = app.events("connect").size();
        try (TestCall headed = TestCall.place(gw, "bot", Map.of("X-AUDIO_STREAM_START",
                app.url("/header-over-rule") + " mono 8k"), new short[0]);
             TestCall parked = TestCall.place(gw, "nobody")) {
            int conn = AppFrames.awaitConnection(app, "/header-over-rule");
            AppFrames.awaitBinary(app, conn, 5);
            // the header's start wins; the matching rule's variables still apply, below the call's own headers
            AppFrames.assertMetadataFirstThenFramesOf(app, conn, null, AppFrames.frameBytes(8000, 1, 2));
            await("the parked call stays parked").atMost(AppFrames.WAIT).during(Duration.ofMillis(500))
                    .until(() -> gw.session(parked.uuid()).get("state").asString().equals("PARKED"));
            assertThat(gw.events("mod_audio_stream::connect", parked.uuid())).as("connects of the parked call").isEmpty();
            assertThat(app.events("connect")).as("connections").hasSize(connectionsBefore + 1);
            headed.hangUp();
            parked.hangUp();
        }
    }

    @Test
    void aStartHeaderTheApiWouldRefuseLeavesTheCallAnsweredAndParked() {
        try (TestCall call = TestCall.place(gw, "bad-header", Map.of("X-AUDIO_STREAM_START", "http://127.0.0.1:9/ mono 8k"),
                new short[0])) {
            await("the call stays parked").atMost(AppFrames.WAIT).during(Duration.ofMillis(500))
                    .until(() -> gw.session(call.uuid()).get("state").asString().equals("PARKED"));
            assertThat(gw.events("mod_audio_stream::connect", call.uuid())).as("connects").isEmpty();
            assertThat(call.inCall()).as("caller still in the call").isTrue();
            assertThat(gw.api("uuid_audio_stream " + call.uuid() + " start " + app.url("/after-bad-header") + " mono 8k"))
                    .as("an API start afterwards").isEqualTo(GatewayHarness.OK);
            AppFrames.awaitBinary(app, AppFrames.awaitConnection(app, "/after-bad-header"), 3);
            call.hangUp();
        }
    }
}
