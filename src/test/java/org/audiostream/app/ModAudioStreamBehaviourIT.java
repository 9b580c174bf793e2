package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.audiostream.observe.Component;
import org.audiostream.testing.LogCapture;
import org.audiostream.testing.PythonWsServer;
import org.junit.jupiter.api.Test;

/**
 * What existing mod_audio_stream apps rely on, against a live gateway and a python3-websockets app: a failed
 * stream takes a new {@code start}; per-call variables stand alone; a flood of malformed messages is a few
 * WARN lines and every json event; unknown {@code X-AUDIO_STREAM_*} headers are a WARN; the JSON replies of
 * {@code POST /api} are 200.
 */
class ModAudioStreamBehaviourIT extends SharedGatewayAndApp {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Override
    protected String[] appArgs() {
        return new String[] {"--commands"};
    }

    @Test
    void aStartAfterTheStreamFailedIsAcceptedAsTheModuleDoes() throws Exception {
        try (PythonWsServer dead = PythonWsServer.start("--dead");
             TestCall call = TestCall.place(gw, "restart", Map.of("X-AUDIO_STREAM_RECONNECT_MAX", "0"), new short[0])) {
            String uuid = call.uuid();
            assertThat(gw.api("uuid_audio_stream " + uuid + " start " + dead.url("/x") + " mono 8k")).isEqualTo(GatewayHarness.OK);
            gw.awaitEvent("mod_audio_stream::error", uuid, WAIT);
            await().atMost(WAIT).until(() -> gw.session(uuid).get("state").asString().equals("ERROR"));

            assertThat(gw.api("uuid_audio_stream " + uuid + " start " + app.url("/retry") + " mono 8k"))
                    .as("the app retries start on the error event").isEqualTo(GatewayHarness.OK);
            gw.awaitEvent("mod_audio_stream::connect", uuid, WAIT);
            assertThat(gw.session(uuid).get("state").asString()).isEqualTo("STREAMING");
            assertThat(gw.events("mod_audio_stream::error", uuid)).as("one error for the failed stream").hasSize(1);
            call.hangUp();
        }
    }

    @Test
    void oneRefusedPerCallVariableFallsBackAloneAndUnknownHeadersAreWarned() {
        try (LogCapture lifecycle = LogCapture.of(Component.LIFECYCLE);
             TestCall call = TestCall.place(gw, "vars", Map.of("X-AUDIO_STREAM_INJECT_BUFFER_MS", "2000",
                     "X-STREAM_BUFFER_SIZE", "30", "X-AUDIO_STREAM_INJECT_BUFER_MS", "100"), new short[0])) {
            assertThat(gw.health(call.uuid()).get("inject").get("buffer_capacity_bytes").asLong())
                    .as("INJECT_BUFFER_MS=2000 applies although STREAM_BUFFER_SIZE was refused").isEqualTo(2000 * 8 * 2);
            assertThat(lifecycle.lines(call.uuid(), "call_variables rejected")).singleElement()
                    .satisfies(e -> assertThat(LogCapture.field(e, "detail")).contains("STREAM_BUFFER_SIZE"));
            assertThat(lifecycle.lines(call.uuid(), "call_variables unknown")).singleElement()
                    .satisfies(e -> assertThat(LogCapture.field(e, "header")).isEqualToIgnoringCase("X-AUDIO_STREAM_INJECT_BUFER_MS"));
            call.hangUp();
        }
    }

    @Test
    void aFloodOfMalformedStreamAudioIsAFewWarnLinesAndEveryJsonEvent() {
        try (LogCapture ws = LogCapture.of(Component.WS_STREAM);
             TestCall call = TestCall.place(gw, "flood")) {
            String uuid = call.uuid();
            assertThat(gw.api("uuid_audio_stream " + uuid + " start " + app.url("/flood") + " mono 8k")).isEqualTo(GatewayHarness.OK);
            gw.awaitEvent("mod_audio_stream::connect", uuid, WAIT);
            String bad = "{\"type\":\"streamAudio\",\"data\":{\"audioDataType\":\"raw\",\"sampleRate\":8000,\"audioData\":\"!!\"}}";
            long started = System.nanoTime();
            app.sendTexts(new ArrayList<>(Collections.nCopies(200, bad)));
            await().atMost(WAIT).until(() -> gw.events("mod_audio_stream::json", uuid).size() == 200);
            double seconds = Math.max(1, (System.nanoTime() - started) / 1e9);

            List<?> lines = ws.lines(uuid, "stream_audio rejected");
            assertThat(lines.size() / seconds).as("WARN lines per second for 200 bad messages in %.1f s", seconds)
                    .isLessThan(2);
            assertThat(ws.matching(e -> e.getLevel().toString().equals("ERROR"))).as("no ERROR line").isEmpty();
            call.hangUp();
        }
    }

    @Test
    void jsonRepliesOfTheTextApiAreHttp200() {
        try (TestCall call = TestCall.place(gw, "json")) {
            HttpResponse<String> health = post("uuid_audio_stream " + call.uuid() + " health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).startsWith("{");
            assertThat(post("uuid_audio_stream global_health").statusCode()).isEqualTo(200);
            assertThat(post("uuid_audio_stream " + call.uuid() + " stop").statusCode()).as("a refusal").isEqualTo(409);
            call.hangUp();
        }
    }

    private HttpResponse<String> post(String command) {
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            return http.send(java.net.http.HttpRequest.newBuilder(gw.httpBase().resolve("/api"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(command)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
