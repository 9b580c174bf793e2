package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.audiostream.app.demo.DemoCallResult;
import org.audiostream.session.SessionHealth;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The {@code uuid_audio_stream} API on a live call, over {@code POST /api} and the {@code /v1/} REST form,
 * against python3-websockets as the user app: refusals and their reply words, the session list,
 * {@code pause}/{@code resume}, {@code send_text}, {@code stop <text>} (the call stays up, parked), and the
 * event stream over SSE with its subclass and uuid filters.
 */
class WsApiIT extends SharedGatewayAndApp {

    private static final String UNKNOWN = "00000000-0000-0000-0000-00000000dead";
    private static final String DISCONNECTED_1000 =
            "{\"status\":\"disconnected\",\"message\":{\"code\":1000,\"reason\":\"Normal closure\"}}";

    @Test
    void refusesWhatItCannotDoAndListsTheLiveSession() {
        try (TestCall call = TestCall.place(gw, "api")) {
            String uuid = call.uuid();
            String cmd = "uuid_audio_stream " + uuid + " ";
            assertThat(gw.api("uuid_audio_stream " + UNKNOWN + " start " + app.url("/x") + " mono 8k"))
                    .isEqualTo("-ERR no such session " + UNKNOWN + "\n");
            for (String sub : List.of("stop", "pause", "resume", "send_text hi")) {
                assertThat(gw.api("uuid_audio_stream " + UNKNOWN + " " + sub)).as(sub)
                        .isEqualTo("-ERR no such session " + UNKNOWN + "\n");
            }
            assertThat(gw.api(cmd + "start http://127.0.0.1:9/ mono 8k")).as("not a ws URL").startsWith("-ERR ");
            assertThat(gw.api(cmd + "start ws://bad_host/ mono 8k")).as("'_' in the host").startsWith("-ERR ");
            assertThat(gw.api(cmd + "start " + app.url("/x") + " quad 8k")).as("bad mix")
                    .startsWith("-ERR mix type=");
            assertThat(gw.api(cmd + "start " + app.url("/x") + " mono 11025")).as("bad rate")
                    .startsWith("-ERR sample rate=");
            assertThat(gw.api(cmd + "start " + app.url("/x") + " mono {\"meta\":1}")).as("metadata without a rate")
                    .startsWith("-ERR sample rate=");
            assertThat(gw.api(cmd + "start " + app.url("/x"))).as("no mix").startsWith("-USAGE: ");
            assertThat(gw.api(cmd + "stop")).as("stop while parked").startsWith("-ERR not streaming");
            assertThat(gw.api(cmd + "pause")).as("pause while parked").startsWith("-ERR not streaming");
            assertThat(gw.session(uuid).get("state").asString()).as("state after refusals").isEqualTo("PARKED");
            assertThat(gw.events("mod_audio_stream::connect", uuid)).as("connect events after refusals").isEmpty();

            assertThat(gw.api(cmd + "start " + app.url("/list") + " mono 16k")).isEqualTo(GatewayHarness.OK);
            assertThat(gw.api(cmd + "start " + app.url("/again") + " mono 16k")).as("second start")
                    .startsWith("-ERR session " + uuid + " is streaming");
            HttpResponse<String> rest = gw.postJson("/v1/sessions/" + uuid + "/start",
                    "{\"url\":\"" + app.url("/again") + "\",\"mix\":\"mono\"}");
            assertThat(rest.statusCode()).as("REST second start: %s", rest.body()).isEqualTo(409);
            assertThat(gw.postJson("/v1/sessions/" + UNKNOWN + "/pause", "").statusCode()).as("REST unknown uuid")
                    .isEqualTo(404);

            JsonNode listed = gw.session(uuid);
            assertThat(listed).as("session %s in GET /v1/sessions", uuid).isNotNull();
            assertThat(listed.get("mode").asString()).isEqualTo("ws");
            assertThat(listed.get("state").asString()).isEqualTo("STREAMING");
            assertThat(listed.get("caller").asString()).startsWith("sip:caller@127.0.0.1");
            assertThat(listed.get("callee").asString()).startsWith("sip:" + call.user() + "@");
            assertThat(Instant.parse(listed.get("started").asString()))
                    .isBetween(Instant.now().minusSeconds(60), Instant.now());
            AppFrames.awaitBinary(app, AppFrames.awaitConnection(app, "/list"), 5);
            assertThat(app.events("connect").stream().filter(e -> e.get("path").asString().equals("/again")))
                    .as("connections of the refused second start").isEmpty();
            call.hangUp();
        }
    }

    @Test
    void pauseStopsTheFramesSendTextArrivesAndStopTextEndsTheStreamButNotTheCall() {
        try (TestCall call = TestCall.place(gw, "pause")) {
            String uuid = call.uuid();
            String cmd = "uuid_audio_stream " + uuid + " ";
            assertThat(gw.api(cmd + "start " + app.url("/pause") + " mono 8k {\"m\":1}")).isEqualTo(GatewayHarness.OK);
            int conn = AppFrames.awaitConnection(app, "/pause");
            AppFrames.awaitBinary(app, conn, 5);

            assertThat(gw.api(cmd + "pause")).isEqualTo(GatewayHarness.OK);
            int atPause = AppFrames.binary(app, conn).size();
            assertThat(gw.session(uuid).get("paused").asBoolean()).as("paused in /v1/sessions").isTrue();
            // a frame already handed to the socket may still land; after that, nothing for a second (50 frames)
            await("no binary frames while paused").atMost(Duration.ofSeconds(5)).during(Duration.ofSeconds(1))
                    .until(() -> AppFrames.binary(app, conn).size() <= atPause + 2);
            int whilePaused = AppFrames.binary(app, conn).size();

            String text = "{\"event\":\"hello\", \"words\": \"with  spaces\"}";
            assertThat(gw.api(cmd + "send_text " + text)).isEqualTo(GatewayHarness.OK);
            await("send_text arrives").atMost(AppFrames.WAIT).until(() -> AppFrames.texts(app, conn).contains(text));
            assertThat(AppFrames.binary(app, conn)).as("binary frames while paused").hasSize(whilePaused);

            assertThat(gw.api(cmd + "resume")).isEqualTo(GatewayHarness.OK);
            AppFrames.awaitBinary(app, conn, whilePaused + 10);

            assertThat(gw.api(cmd + "stop bye for now")).isEqualTo(GatewayHarness.OK);
            JsonNode closed = AppFrames.awaitClosed(app, conn);
            assertThat(closed.get("code").asInt()).as("close code").isEqualTo(1000);
            List<JsonNode> frames = app.frames(conn);
            assertThat(frames.getLast().get("text").asString()).as("last frame before the close").isEqualTo("bye for now");
            assertThat(AppFrames.texts(app, conn)).containsExactly("{\"m\":1}", text, "bye for now");
            AppFrames.assertMetadataFirstThenFramesOf(app, conn, "{\"m\":1}", 320);
            assertThat(gw.awaitEvent("mod_audio_stream::disconnect", uuid, AppFrames.WAIT).body()).isEqualTo(DISCONNECTED_1000);

            JsonNode parked = gw.session(uuid);
            assertThat(parked.get("state").asString()).as("state after stop").isEqualTo("PARKED");
            assertThat(parked.get("mode").asString()).as("mode after stop").isEqualTo("none");
            assertThat(call.inCall()).as("caller still in the call after stop").isTrue();
            DemoCallResult result = call.hangUp();
            assertThat(result.endedByGateway()).as("gateway hung up").isFalse();
            assertThat(gw.awaitEvent("call::hangup", uuid, AppFrames.WAIT).body()).as("hangup after the caller's BYE")
                    .contains("NORMAL_CLEARING");
        }
    }

    @Test
    void aPauseLongerThanTheStallLimitIsNotACaptureStall() {
        try (TestCall call = TestCall.place(gw, "long-pause")) {
            String uuid = call.uuid();
            String cmd = "uuid_audio_stream " + uuid + " ";
            assertThat(gw.api(cmd + "start " + app.url("/long-pause") + " mono 8k")).isEqualTo(GatewayHarness.OK);
            int conn = AppFrames.awaitConnection(app, "/long-pause");
            AppFrames.awaitBinary(app, conn, 5);
            assertThat(gw.api(cmd + "pause")).isEqualTo(GatewayHarness.OK);
            // the stall limit (5 s) plus the watchdog's period (1 s) and some slack
            Duration pause = Duration.ofMillis(SessionHealth.STALL_MS + 1500);
            await("a paused session stays HEALTHY").atMost(pause.plusSeconds(5)).during(pause)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> gw.health(uuid).get("health").asString(), "HEALTHY"::equals);
            assertThat(gw.events("mod_audio_stream::watchdog", uuid)).as("watchdog events while paused").isEmpty();
            assertThat(gw.api(cmd + "resume")).isEqualTo(GatewayHarness.OK);
            int resumedAt = AppFrames.binary(app, conn).size();
            AppFrames.awaitBinary(app, conn, resumedAt + 5);
            assertThat(gw.health(uuid).get("health").asString()).as("health after resume").isEqualTo("HEALTHY");
            assertThat(gw.events("mod_audio_stream::watchdog", uuid)).as("watchdog events after resume").isEmpty();
            call.hangUp();
        }
    }

    @Test
    void restFormStartsSendsPausesResumesAndStops() {
        try (TestCall call = TestCall.place(gw, "rest")) {
            String base = "/v1/sessions/" + call.uuid() + "/";
            assertRestOk(base + "start", "{\"url\":\"" + app.url("/rest") + "\",\"mix\":\"stereo\",\"rate\":\"16000\","
                    + "\"metadata\":\"{\\\"via\\\":\\\"rest\\\"}\"}");
            int conn = AppFrames.awaitConnection(app, "/rest");
            AppFrames.awaitBinary(app, conn, 5);
            assertRestOk(base + "send_text", "{\"text\":\"from rest\"}");
            assertRestOk(base + "pause", "");
            assertThat(gw.session(call.uuid()).get("paused").asBoolean()).isTrue();
            assertRestOk(base + "resume", "");
            assertThat(gw.session(call.uuid()).get("paused").asBoolean()).isFalse();
            int resumedAt = AppFrames.binary(app, conn).size();
            AppFrames.awaitBinary(app, conn, resumedAt + 5);
            assertRestOk(base + "stop", "{\"text\":\"rest bye\"}");
            assertThat(AppFrames.awaitClosed(app, conn).get("code").asInt()).isEqualTo(1000);
            assertThat(AppFrames.texts(app, conn)).containsExactly("{\"via\":\"rest\"}", "from rest", "rest bye");
            AppFrames.assertMetadataFirstThenFramesOf(app, conn, "{\"via\":\"rest\"}", AppFrames.frameBytes(16000, 2, 1));
            assertThat(gw.postJson(base + "stop", "").statusCode()).as("REST stop when parked").isEqualTo(409);
            call.hangUp();
        }
    }

    @Test
    void restStartWithoutARateUsesTheCallsSamplingWithOrWithoutMetadata() {
        try (TestCall call = TestCall.place(gw, "rest-rate", Map.of("X-AUDIO_STREAM_SAMPLING", "16000"), new short[0])) {
            String base = "/v1/sessions/" + call.uuid() + "/";
            for (String metadata : new String[] {null, "{\\\"m\\\":1}"}) {
                String path = metadata == null ? "/rest-rate" : "/rest-rate-meta";
                assertRestOk(base + "start", "{\"url\":\"" + app.url(path) + "\",\"mix\":\"mono\""
                        + (metadata == null ? "" : ",\"metadata\":\"" + metadata + "\"") + "}");
                int conn = AppFrames.awaitConnection(app, path);
                AppFrames.awaitBinary(app, conn, 3);
                assertThat(AppFrames.binary(app, conn)).as("frames of a REST start to %s", path)
                        .allSatisfy(f -> assertThat(f.get("len").asInt()).as("AUDIO_STREAM_SAMPLING 16000: 640 bytes")
                                .isEqualTo(640));
                assertRestOk(base + "stop", "");
                AppFrames.awaitClosed(app, conn);
            }
            call.hangUp();
        }
    }

    @Test
    void eventStreamDeliversTheConnectEventFilteredBySubclassAndUuid() throws Exception {
        try (TestCall watched = TestCall.place(gw, "sse");
             TestCall other = TestCall.place(gw, "sse-other");
             SseClient sse = SseClient.open(gw, "subclass=mod_audio_stream::connect&uuid=" + watched.uuid())) {
            assertThat(gw.api("uuid_audio_stream " + other.uuid() + " start " + app.url("/sse-other") + " mono 8k"))
                    .isEqualTo(GatewayHarness.OK);
            gw.awaitEvent("mod_audio_stream::connect", other.uuid(), AppFrames.WAIT);
            assertThat(gw.api("uuid_audio_stream " + watched.uuid() + " start " + app.url("/sse") + " mono 8k"))
                    .isEqualTo(GatewayHarness.OK);
            await("connect event on the SSE stream").atMost(AppFrames.WAIT).until(() -> !sse.events().isEmpty());
            assertThat(gw.api("uuid_audio_stream " + watched.uuid() + " stop")).isEqualTo(GatewayHarness.OK);
            gw.awaitEvent("mod_audio_stream::disconnect", watched.uuid(), AppFrames.WAIT);
            // a marker event published after all of the above, to know the stream has caught up
            assertThat(gw.api("uuid_audio_stream " + watched.uuid() + " start " + app.url("/sse-again") + " mono 8k"))
                    .isEqualTo(GatewayHarness.OK);
            await("second connect event on the SSE stream").atMost(AppFrames.WAIT).until(() -> sse.events().size() >= 2);

            assertThat(sse.events()).as("SSE lines %s", sse.lines()).hasSize(2).allSatisfy(e -> {
                assertThat(e.get("event").asString()).isEqualTo("mod_audio_stream::connect");
                assertThat(e.get("session_uuid").asString()).isEqualTo(watched.uuid());
                assertThat(e.get("body").toString()).isEqualTo("{\"status\":\"connected\"}");
                assertThat(Instant.parse(e.get("timestamp").asString())).isBefore(Instant.now());
            });
            assertThat(sse.lines()).contains("event: mod_audio_stream::connect");
            watched.hangUp();
            other.hangUp();
        }
    }

    private void assertRestOk(String path, String json) {
        HttpResponse<String> r = gw.postJson(path, json);
        assertThat(r.body()).as("POST %s %s", path, json).isEqualTo(GatewayHarness.OK);
        assertThat(r.statusCode()).isEqualTo(200);
    }
}
