package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.audiostream.app.demo.DemoCallResult;
import org.audiostream.event.Event;
import org.audiostream.session.MediaSession;
import org.audiostream.stream.ws.WsStreamStats;
import org.audiostream.stream.ws.WsStreamTarget;
import org.audiostream.testing.PythonWsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The user app misbehaving under live calls: a server restarted mid-call (the stream reconnects to the new
 * process and sends the metadata first again), a dead target for several calls at once (the per-URL breaker
 * bounds the attempts; the calls stay up), and a server that stops reading (the send queue drops and counts,
 * health turns DEGRADED, and the caller's RTP keeps its pace).
 */
class WsResilienceIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private GatewayHarness gw;

    @BeforeEach
    void start() throws Exception {
        gw = GatewayHarness.start(Map.of());
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void aServerRestartedMidCallGetsTheStreamBackWithTheMetadataFirst() throws Exception {
        try (PythonWsServer first = PythonWsServer.start();
             TestCall call = TestCall.place(gw, "restart", Map.of("X-AUDIO_STREAM_RECONNECT_MAX", "10"), new short[0])) {
            String uuid = call.uuid();
            int port = first.port();
            assertThat(gw.api("uuid_audio_stream " + uuid + " start " + first.url("/r") + " mono 16k meta-r"))
                    .isEqualTo(GatewayHarness.OK);
            AppFrames.awaitBinary(first, AppFrames.awaitConnection(first, "/r"), 10);
            first.close();   // SIGTERM: the process dies without a close frame
            gw.awaitEvent("mod_audio_stream::disconnect", uuid, WAIT);
            await("a reconnect found nobody listening").atMost(WAIT).until(() -> stats(uuid).connectAttempts() >= 2);

            try (PythonWsServer second = PythonWsServer.startOnPort(port)) {
                int conn = AppFrames.awaitConnection(second, "/r");
                AppFrames.awaitBinary(second, conn, 10);
                AppFrames.assertMetadataFirstThenFramesOf(second, conn, "meta-r", AppFrames.frameBytes(16000, 1, 1));

                WsStreamStats stats = stats(uuid);
                List<Event> connects = gw.events("mod_audio_stream::connect", uuid);
                List<Event> disconnects = gw.events("mod_audio_stream::disconnect", uuid);
                assertThat(connects).as("connect events").hasSize(2);
                assertThat(disconnects).as("disconnect events").singleElement()
                        .satisfies(e -> assertThat(e.body()).contains("\"code\":1006"));
                assertThat(stats.connectAttempts()).as("the first connect, failed retries, the reconnect (%s)", stats)
                        .isGreaterThanOrEqualTo(3);
                assertThat(gw.events("mod_audio_stream::error", uuid)).as("no error: the stream recovered").isEmpty();
                assertThat(gw.session(uuid).get("state").asString()).isEqualTo("STREAMING");
                call.hangUp();
            }
        }
    }

    @Test
    void aServerClosingWith1011IsReconnectedButANormalCloseEndsTheStreamUntilStopAndStart() throws Exception {
        try (PythonWsServer app = PythonWsServer.start("--commands");
             TestCall call = TestCall.place(gw, "closing")) {
            String uuid = call.uuid();
            String cmd = "uuid_audio_stream " + uuid + " ";
            assertThat(gw.api(cmd + "start " + app.url("/c") + " mono 8k meta-c")).isEqualTo(GatewayHarness.OK);
            AppFrames.awaitBinary(app, 1, 5);
            app.closeNewest(1011);
            AppFrames.awaitBinary(app, 2, 5);   // reconnected (AUDIO_STREAM_RECONNECT_MAX 3 by default)
            AppFrames.assertMetadataFirstThenFramesOf(app, 2, "meta-c", 320);

            app.closeNewest(1000);
            await("second disconnect event").atMost(WAIT)
                    .until(() -> gw.events("mod_audio_stream::disconnect", uuid).size() == 2);
            assertThat(gw.events("mod_audio_stream::disconnect", uuid)).extracting(Event::body).containsExactly(
                    "{\"status\":\"disconnected\",\"message\":{\"code\":1011,\"reason\":\"test close\"}}",
                    "{\"status\":\"disconnected\",\"message\":{\"code\":1000,\"reason\":\"test close\"}}");
            await("no reconnect after a normal close").atMost(WAIT).during(Duration.ofSeconds(1))
                    .until(() -> app.events("connect").size() == 2);
            // as mod_audio_stream: the stream stays attached, dropping audio, until stop
            assertThat(gw.api(cmd + "send_text hi")).startsWith("-ERR not connected");
            assertThat(gw.api(cmd + "start " + app.url("/c2") + " mono 8k")).as("start before stop").startsWith("-ERR");
            assertThat(gw.api(cmd + "stop")).isEqualTo(GatewayHarness.OK);
            assertThat(gw.api(cmd + "start " + app.url("/c2") + " mono 8k meta-c2")).isEqualTo(GatewayHarness.OK);
            AppFrames.awaitBinary(app, AppFrames.awaitConnection(app, "/c2"), 5);
            assertThat(gw.events("mod_audio_stream::error", uuid)).as("errors").isEmpty();
            call.hangUp();
        }
    }

    @Test
    void callsStartedAgainstADeadTargetOpenItsBreakerInsteadOfStormingItAndStayUp() throws Exception {
        int calls = 4;
        int reconnectMax = 3;
        try (PythonWsServer dead = PythonWsServer.start("--dead")) {
            List<TestCall> placed = new ArrayList<>();
            try {
                for (int i = 0; i < calls; i++) {
                    placed.add(TestCall.place(gw, "dead"));
                }
                for (TestCall c : placed) {
                    assertThat(gw.api("uuid_audio_stream " + c.uuid() + " start " + dead.url("/dead") + " mono 8k m"))
                            .as("start is accepted; connecting is asynchronous").isEqualTo(GatewayHarness.OK);
                }
                for (TestCall c : placed) {
                    await("session " + c.uuid() + " gives up").atMost(WAIT)
                            .until(() -> gw.session(c.uuid()).get("state").asString().equals("ERROR"));
                }
                int tcp = dead.events("tcp").size();
                // every session: one error event, when its stream gives up (failed retries are only logged)
                for (TestCall c : placed) {
                    await("error event of " + c.uuid()).atMost(WAIT)
                            .until(() -> gw.events("mod_audio_stream::error", c.uuid()).size() >= 1);
                    assertThat(gw.events("mod_audio_stream::error", c.uuid())).as("error events of %s", c.uuid())
                            .hasSize(1);
                }
                long refused = placed.stream().flatMap(c -> gw.events("mod_audio_stream::error", c.uuid()).stream())
                        .filter(e -> e.body().contains("refused by circuit breaker")).count();
                long attempts = placed.stream().mapToLong(c -> stats(c.uuid()).connectAttempts()).sum();
                assertThat(attempts).as("attempts that reached the network = TCP connections the server saw")
                        .isEqualTo(tcp);
                // 5 failures open the breaker; attempts already in flight then may still fail, one per other session
                assertThat(tcp).as("TCP connections to the dead target").isBetween(5, 5 + calls - 1);
                assertThat(refused).as("sessions whose stream the open breaker ended").isPositive();
                Event opened = gw.awaitEvent(e -> e.subclass().equals("mod_audio_stream::breaker"), WAIT);
                assertThat(opened.body()).contains("\"state\":\"OPEN\"", "\"target\":\"ws://127.0.0.1:" + dead.port() + "\"");
                await("no more connections").atMost(WAIT).during(Duration.ofSeconds(1))
                        .until(() -> dead.events("tcp").size() == tcp);

                JsonNode global = gw.getJson("/v1/health");
                assertThat(global.get("unhealthy").asInt()).as("global_health unhealthy").isEqualTo(calls);
                assertThat(global.get("ws_breakers").get(0).get("state").asString()).isEqualTo("OPEN");
                assertThat(global.get("active_ws_sessions").asInt()).isEqualTo(calls);
                assertThat(gw.health(placed.getFirst().uuid()).get("health").asString()).isEqualTo("UNHEALTHY");
                assertThat(gw.events().stream().filter(e -> e.subclass().equals("call::hangup"))).as("hangups").isEmpty();
                recoversToAnotherTarget(placed.getFirst());
                for (TestCall c : placed) {
                    assertThat(c.inCall()).as("call %s still up", c.user()).isTrue();
                    DemoCallResult r = c.hangUp();
                    assertThat(r.endedByGateway()).as("gateway hung up %s", c.user()).isFalse();
                }
            } finally {
                placed.forEach(TestCall::close);
            }
        }
    }

    @Test
    void aServerThatStopsReadingCostsDroppedFramesNotTheCallersAudio() throws Exception {
        try (PythonWsServer slow = PythonWsServer.start("--stall-after", "1", "--no-compression");
             TestCall call = TestCall.place(gw, "slow", Map.of("X-AUDIO_STREAM_MAX_QUEUE_MS", "20"), new short[0])) {
            String uuid = call.uuid();
            assertThat(gw.api("uuid_audio_stream " + uuid + " start " + slow.url("/slow") + " stereo 48k stalled"))
                    .isEqualTo(GatewayHarness.OK);
            gw.awaitEvent("mod_audio_stream::connect", uuid, WAIT);
            JsonNode degraded = await("health DEGRADED by send-queue drops").atMost(WAIT)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> gw.health(uuid), h -> h.get("health").asString().equals("DEGRADED"));
            JsonNode capture = degraded.get("capture");
            assertThat(capture.get("trylock_failure_pct").asDouble()).as("trylock_failure_pct in %s", degraded).isPositive();
            assertThat(capture.get("frames_dropped").asLong()).as("frames_dropped").isPositive();
            assertThat(capture.get("last_frame_ms_ago").asLong()).as("the capture path keeps running").isLessThan(200);
            assertThat(stats(uuid).framesDroppedQueueFull()).as("client queue-full drops").isPositive();

            DemoCallResult result = call.hangUp();
            long expected = result.media().toMillis() / 20;
            assertThat(result.packetsReceived()).as("RTP packets the caller received in %s ms", result.media().toMillis())
                    .isGreaterThan(expected * 9 / 10);
            assertThat(result.endedByGateway()).isFalse();
        }
    }

    /** A session whose stream failed answers send_text with -ERR, and can be stopped and started elsewhere. */
    private void recoversToAnotherTarget(TestCall call) throws Exception {
        String cmd = "uuid_audio_stream " + call.uuid() + " ";
        assertThat(gw.api(cmd + "send_text hello")).as("send_text on a failed stream").startsWith("-ERR not connected");
        assertThat(gw.api(cmd + "stop")).as("stop after the stream failed").isEqualTo(GatewayHarness.OK);
        assertThat(gw.session(call.uuid()).get("state").asString()).isEqualTo("PARKED");
        try (PythonWsServer live = PythonWsServer.start()) {
            assertThat(gw.api(cmd + "start " + live.url("/live") + " mono 8k again")).isEqualTo(GatewayHarness.OK);
            AppFrames.awaitBinary(live, AppFrames.awaitConnection(live, "/live"), 5);
            AppFrames.assertMetadataFirstThenFramesOf(live, 1, "again", 320);
            assertThat(gw.health(call.uuid()).get("health").asString()).as("health streaming again").isEqualTo("HEALTHY");
            assertThat(gw.api(cmd + "stop")).isEqualTo(GatewayHarness.OK);
        }
    }

    /** The session's WebSocket client counters. */
    private WsStreamStats stats(String uuid) {
        MediaSession session = gw.gateway().registry().find(uuid).orElseThrow();
        return ((WsStreamTarget) session.target().orElseThrow()).client().stats();
    }
}
