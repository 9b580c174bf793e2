package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.audiostream.testing.PythonWsServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 14 finding 6: frames that reach no socket are dropped, not sent, and health says the stream has no
 * connection: after the app closed it normally (1000; the stream stays attached until stop, as in
 * mod_audio_stream), and while a handshake never completes.
 */
class StreamHealthIT extends SharedGatewayAndApp {

    @Override
    protected String[] appArgs() {
        return new String[] {"--commands"};
    }

    @Test
    void afterTheAppClosesNormallyFramesAreDroppedAndHealthSaysSo() {
        try (TestCall call = TestCall.place(gw, "closed-by-app")) {
            String uuid = call.uuid();
            assertThat(gw.api("uuid_audio_stream " + uuid + " start " + app.url("/closes") + " mono 8k"))
                    .isEqualTo(GatewayHarness.OK);
            AppFrames.awaitBinary(app, AppFrames.awaitConnection(app, "/closes"), 5);
            assertThat(gw.health(uuid).get("capture").get("stream_connected").asBoolean()).isTrue();
            app.closeNewest(1000);
            gw.awaitEvent("mod_audio_stream::disconnect", uuid, AppFrames.WAIT);

            JsonNode before = awaitDisconnected(uuid);
            JsonNode after = halfASecondLater(uuid);
            assertThat(after.get("capture").get("frames_sent").asLong()).as("frames sent with no socket")
                    .isEqualTo(before.get("capture").get("frames_sent").asLong());
            assertThat(after.get("capture").get("frames_dropped").asLong()).as("frames dropped")
                    .isGreaterThan(before.get("capture").get("frames_dropped").asLong());
            assertThat(after.get("health").asString()).isEqualTo("DEGRADED");
            call.hangUp();
        }
    }

    @Test
    void whileTheHandshakeNeverCompletesNothingCountsAsSent() throws Exception {
        try (PythonWsServer silent = PythonWsServer.start("--silent");
             TestCall call = TestCall.place(gw, "never-connected")) {
            String uuid = call.uuid();
            assertThat(gw.api("uuid_audio_stream " + uuid + " start " + silent.url("/hung") + " mono 8k"))
                    .isEqualTo(GatewayHarness.OK);
            JsonNode before = awaitDisconnected(uuid);
            JsonNode after = halfASecondLater(uuid);
            assertThat(after.get("capture").get("frames_sent").asLong()).isZero();
            assertThat(after.get("capture").get("frames_dropped").asLong()).isPositive();
            assertThat(after.get("health").asString()).isEqualTo("DEGRADED");
            call.hangUp();
        }
    }

    /** Health once it says the stream has no connection. */
    private JsonNode awaitDisconnected(String uuid) {
        return await().atMost(AppFrames.WAIT).until(() -> gw.health(uuid),
                h -> !h.get("capture").get("stream_connected").asBoolean());
    }

    /** Health half a second from now. */
    private JsonNode halfASecondLater(String uuid) {
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> true);
        return gw.health(uuid);
    }
}
