package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.audiostream.event.Event;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The inject path end to end: the app (python3-websockets, driven by the test) sends {@code streamAudio},
 * marks, {@code killAudio} and bad messages on a live call's socket, and the caller's recording shows what was
 * played to it: L16 at 8 kHz and 16 kHz is heard as sent, a mark comes back once playout reaches it, each
 * form of clear ({@code killAudio}, {@code streamAudio} with {@code clear}, {@code clearAudio}) flushes the
 * queue and reports pending marks as cleared, and bad messages become {@code json} events
 * carrying the app's text while the stream goes on; {@code stop} flushes what is queued and reports pending
 * marks as cleared before its text; in stereo, what is
 * played to the caller is the right channel.
 */
class WsInjectIT extends SharedGatewayAndApp {

    private static final int AMPLITUDE = 12_000;

    @Override
    protected String[] appArgs() {
        return new String[] {"--commands", "--levels"};
    }

    @Test
    void streamAudioAt8kAnd16kIsHeardAndEachMarkIsAcknowledgedAfterItsAudioPlayed() {
        try (TestCall call = TestCall.place(gw, "inject")) {
            int conn = startStreaming(call, "/inject");

            List<String> at8k = new ArrayList<>(TestAudio.streamAudioChunks(TestAudio.sine(8000, 600, 800, AMPLITUDE), 8000, 20));
            at8k.add(TestAudio.mark("after-8k"));
            double sent8k = app.sendTexts(at8k).get("ts").asDouble();
            double acked8k = awaitText(conn, TestAudio.markAck("after-8k", "playout")).get("ts").asDouble();

            List<String> at16k = new ArrayList<>(TestAudio.streamAudioChunks(TestAudio.sine(16000, 1000, 800, AMPLITUDE), 16000, 20));
            at16k.add(TestAudio.mark("after-16k"));
            double sent16k = app.sendTexts(at16k).get("ts").asDouble();
            double acked16k = awaitText(conn, TestAudio.markAck("after-16k", "playout")).get("ts").asDouble();

            short[] heard = call.hangUp().heard();
            assertThat(acked8k - sent8k).as("seconds from sending 800 ms of 8 kHz audio to its mark's playout")
                    .isGreaterThan(0.6);
            assertThat(acked16k - sent16k).as("seconds from sending 800 ms of 16 kHz audio to its mark's playout")
                    .isGreaterThan(0.6);
            List<Long> tone8k = TestAudio.toneBlocks(heard, 600);
            List<Long> tone16k = TestAudio.toneBlocks(heard, 1000);
            assertThat(tone8k.size() * 20).as("ms of the 600 Hz tone sent at 8 kHz heard by the caller").isBetween(600, 820);
            assertThat(tone16k.size() * 20).as("ms of the 1 kHz tone sent at 16 kHz heard by the caller").isBetween(600, 820);
            assertThat(tone16k.getFirst()).as("the 16 kHz audio plays after the 8 kHz audio").isGreaterThan(tone8k.getLast());

            List<String> plays = gw.events("mod_audio_stream::play", call.uuid()).stream().map(Event::body).toList();
            assertThat(plays).as("play events").hasSize(80)
                    .containsOnly("{\"audioDataType\":\"raw\",\"sampleRate\":8000,\"bytes\":320}",
                            "{\"audioDataType\":\"raw\",\"sampleRate\":16000,\"bytes\":640}");
        }
    }

    @Test
    void rawBinaryFramesAtTheInboundRateAndStereoStreamAudioArePlayedMono() {
        try (TestCall call = TestCall.place(gw, "binary", Map.of("X-AUDIO_STREAM_INBOUND_SAMPLE_RATE", "16000"),
                new short[0])) {
            int conn = startStreaming(call, "/binary");
            app.sendBinaries(TestAudio.l16leChunks(TestAudio.sine(16000, 1000, 800, AMPLITUDE), 16000, 20));
            app.sendTexts(List.of(TestAudio.mark("after-binary")));
            awaitText(conn, TestAudio.markAck("after-binary", "playout"));
            // left: a 600 Hz tone, right: silence; played mixed down to mono
            app.sendTexts(List.of(TestAudio.streamAudioStereo(TestAudio.sine(8000, 600, 800, AMPLITUDE),
                    new short[6400], 8000), TestAudio.mark("after-stereo")));
            awaitText(conn, TestAudio.markAck("after-stereo", "playout"));

            short[] heard = call.hangUp().heard();
            assertThat(TestAudio.toneMillis(heard, 1000)).as("ms of the 1 kHz tone sent as raw 16 kHz binary frames")
                    .isBetween(600L, 820L);
            assertThat(TestAudio.toneMillis(heard, 600)).as("ms of the 600 Hz tone sent on the left of stereo 8 kHz")
                    .isBetween(600L, 820L);
            assertThat(gw.events("mod_audio_stream::play", call.uuid())).extracting(Event::body).as("play events")
                    .containsExactly("{\"audioDataType\":\"raw\",\"sampleRate\":8000,\"channels\":2,\"bytes\":25600}");
        }
    }

    @Test
    void eachClearMessageFlushesWhatIsQueuedAndReportsThePendingMarkCleared() {
        // the clear, and the tone (Hz, whole cycles per 20 ms) queued before it
        Map<String, Integer> clears = new LinkedHashMap<>();
        clears.put("{\"type\":\"killAudio\"}", 600);
        clears.put("{\"type\":\"streamAudio\",\"data\":{\"clear\":true}}", 1000);
        clears.put("{\"type\":\"clearAudio\"}", 1400);
        try (TestCall call = TestCall.place(gw, "clear")) {
            int conn = startStreaming(call, "/clear");
            int cleared = 0;
            for (Map.Entry<String, Integer> clear : clears.entrySet()) {
                String mark = "end-" + clear.getValue();
                app.sendTexts(List.of(TestAudio.streamAudio(TestAudio.sine(8000, clear.getValue(), 3000, AMPLITUDE), 8000),
                        TestAudio.mark(mark)));
                await("half a second of the 3 s played").atMost(AppFrames.WAIT).until(
                        () -> inject(call).get("buffer_inuse_bytes").asLong(), inUse -> inUse > 0 && inUse <= 40_000);

                app.sendText(clear.getKey());
                awaitText(conn, TestAudio.markAck(mark, "cleared"));
                int clearsSoFar = ++cleared;
                await("play event {} after " + clear.getKey()).atMost(AppFrames.WAIT).until(() -> gw
                        .events("mod_audio_stream::play", call.uuid()).stream().filter(e -> e.body().equals("{}")).count()
                        == clearsSoFar);
                assertThat(inject(call).get("buffer_inuse_bytes").asLong()).as("inject buffer after %s", clear.getKey())
                        .isZero();
            }

            short[] heard = call.hangUp().heard();
            clears.forEach((message, hz) -> {
                assertThat(TestAudio.toneMillis(heard, hz)).as("ms of the 3 s %d Hz tone heard before %s", hz, message)
                        .isBetween(400L, 1600L);
                assertThat(AppFrames.texts(app, conn)).as("mark acknowledgements")
                        .doesNotContain(TestAudio.markAck("end-" + hz, "playout"));
            });
        }
    }

    @Test
    void whatIsPlayedToTheCallerIsTheRightChannelOfAStereoStream() {
        short[] callerTone = TestAudio.sine(8000, 440, 20_000, 8000);
        try (TestCall call = TestCall.place(gw, "stereo-played", Map.of(), callerTone)) {
            assertThat(gw.api("uuid_audio_stream " + call.uuid() + " start " + app.url("/stereo-played") + " stereo 8k"))
                    .isEqualTo(GatewayHarness.OK);
            int conn = AppFrames.awaitConnection(app, "/stereo-played");
            AppFrames.awaitBinary(app, conn, 10);
            int before = AppFrames.binary(app, conn).size();
            app.sendTexts(List.of(TestAudio.streamAudio(TestAudio.sine(8000, 600, 800, AMPLITUDE), 8000),
                    TestAudio.mark("played")));
            awaitText(conn, TestAudio.markAck("played", "playout"));
            List<JsonNode> frames = AppFrames.binary(app, conn);
            List<JsonNode> playing = frames.subList(before, frames.size());
            // 600 Hz at 12000 peak has an RMS of 8485 before G.711; frames around the edges hold part of it
            assertThat(playing.stream().filter(f -> f.get("rms_odd").asDouble() > 6000).count())
                    .as("frames whose right channel holds the played tone").isGreaterThanOrEqualTo(30);
            assertThat(frames.subList(2, before)).as("right channel before anything was played")
                    .allSatisfy(f -> assertThat(f.get("rms_odd").asDouble()).isLessThan(5));
            assertThat(frames.subList(frames.size() / 2, frames.size()).stream()
                    .filter(f -> f.get("rms_even").asDouble() > 3000).count())
                    .as("frames whose left channel holds the caller's tone").isGreaterThan(frames.size() * 4L / 10);
            call.hangUp();
        }
    }

    @Test
    void stopFlushesWhatIsQueuedReportsThePendingMarkClearedAndTheCallGoesOnInSilence() {
        try (TestCall call = TestCall.place(gw, "stop-flush")) {
            int conn = startStreaming(call, "/stop-flush");
            app.sendTexts(List.of(TestAudio.streamAudio(TestAudio.sine(8000, 600, 3000, AMPLITUDE), 8000),
                    TestAudio.mark("pending")));
            await("0.4 s of the 3 s played").atMost(AppFrames.WAIT).until(
                    () -> inject(call).get("buffer_inuse_bytes").asLong(), inUse -> inUse > 0 && inUse <= 41_600);
            assertThat(gw.api("uuid_audio_stream " + call.uuid() + " stop goodbye")).isEqualTo(GatewayHarness.OK);
            assertThat(AppFrames.awaitClosed(app, conn).get("code").asInt()).isEqualTo(1000);
            List<String> texts = AppFrames.texts(app, conn);
            assertThat(texts.subList(texts.size() - 2, texts.size())).as("last texts before the close")
                    .containsExactly(TestAudio.markAck("pending", "cleared"), "goodbye");
            // a second of the call after the stop, in which an unflushed queue would go on playing
            await("inject buffer empty for a second after stop").atMost(AppFrames.WAIT).during(Duration.ofSeconds(1))
                    .until(() -> inject(call).get("buffer_inuse_bytes").asLong() == 0);

            short[] heard = call.hangUp().heard();
            assertThat(TestAudio.toneMillis(heard, 600)).as("ms of the tone heard (about 0.4 s played before stop)")
                    .isBetween(200L, 1000L);
        }
    }

    @Test
    void badMessagesBecomeJsonEventsWithTheAppsTextAndTheStreamGoesOn() {
        try (TestCall call = TestCall.place(gw, "bad", Map.of("X-AUDIO_STREAM_MAX_AUDIO_BASE64_LEN", "1000"), new short[0])) {
            int conn = startStreaming(call, "/bad");
            List<String> bad = List.of(
                    "{\"type\":\"streamAudio\",\"data\":{\"audioDataType\":\"raw\",",               // malformed JSON
                    TestAudio.streamAudioJson("@@ not base64 @@", 8000),                              // bad base64
                    TestAudio.streamAudioJson("AAAA", 192000),                                        // rate out of range
                    TestAudio.streamAudioJson("AAAA".repeat(350), 8000),                              // 1400 > 1000 chars
                    "not JSON at all",
                    "{\"type\":\"transcript\",\"text\":\"an app event\"}");                           // valid, not audio
            app.sendTexts(bad);
            await("a json event per message").atMost(AppFrames.WAIT)
                    .until(() -> gw.events("mod_audio_stream::json", call.uuid()).size() >= bad.size());
            int framesAfter = AppFrames.binary(app, conn).size();

            assertThat(gw.events("mod_audio_stream::json", call.uuid())).extracting(Event::body)
                    .as("json event bodies").containsExactlyElementsOf(bad);
            AppFrames.awaitBinary(app, conn, framesAfter + 10);
            app.sendText(TestAudio.streamAudioChunks(TestAudio.sine(8000, 600, 20, AMPLITUDE), 8000, 20).getFirst());
            assertThat(gw.awaitEvent("mod_audio_stream::play", call.uuid(), AppFrames.WAIT).body())
                    .as("good audio after the bad messages").isEqualTo("{\"audioDataType\":\"raw\",\"sampleRate\":8000,\"bytes\":320}");
            assertThat(gw.session(call.uuid()).get("state").asString()).isEqualTo("STREAMING");
            assertThat(gw.events("mod_audio_stream::disconnect", call.uuid())).as("disconnects").isEmpty();
            assertThat(gw.events("mod_audio_stream::error", call.uuid())).as("errors").isEmpty();
            assertThat(app.events("closed")).as("closed connections").noneMatch(e -> e.get("conn").asInt() == conn);
            call.hangUp();
        }
    }

    /** Starts mono 8 kHz streaming to {@code path}; returns the connection once audio flows. */
    private int startStreaming(TestCall call, String path) {
        assertThat(gw.api("uuid_audio_stream " + call.uuid() + " start " + app.url(path) + " mono 8k {\"path\":\"" + path + "\"}"))
                .isEqualTo(GatewayHarness.OK);
        int conn = AppFrames.awaitConnection(app, path);
        AppFrames.awaitBinary(app, conn, 2);
        return conn;
    }

    private JsonNode awaitText(int conn, String text) {
        return app.await(e -> e.get("event").asString().equals("frame") && e.get("conn").asInt() == conn
                && text.equals(e.path("text").asString(null)), AppFrames.WAIT);
    }

    private JsonNode inject(TestCall call) {
        return gw.health(call.uuid()).get("inject");
    }
}
