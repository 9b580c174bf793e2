package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalInt;
import org.audiostream.fakes.realtime.FakeRealtimeConfig;
import org.audiostream.fakes.realtime.FakeRealtimeSession;
import org.audiostream.fakes.realtime.ScriptedResponse;
import org.audiostream.fakes.realtime.Truncation;
import org.audiostream.media.G711Law;
import org.audiostream.testing.AudioMatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The local barge-in detector through real SIP/RTP calls, against a fake whose server VAD needs 500 ms of speech
 * before it reports {@code speech_started} (a model-based VAD plus the network): the caller speaks over the agent
 * 3 s into the call. Confirmed by the server, the agent fell silent before the server's event and the item is
 * truncated at the hold; not confirmed (the server's VAD threshold is above the caller's level), the agent's answer
 * resumes where it stopped, nothing of it lost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AiLocalBargeInIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int BURST_AT_MS = 3000;
    private static final int SERVER_ONSET_MS = 500;
    private static final int LOCAL_MIN_MS = 300;
    private AiFixture ai;

    @BeforeAll
    void start() throws Exception {
        ai = AiFixture.start(FakeRealtimeConfig.builder().vadOnset(Duration.ofMillis(SERVER_ONSET_MS)),
                Map.of("AUDIO_STREAM_AI_LOCAL_BARGE_IN", "true",
                        "AUDIO_STREAM_AI_LOCAL_BARGE_IN_MIN_MS", String.valueOf(LOCAL_MIN_MS)));
    }

    @AfterAll
    void stop() {
        if (ai != null) {
            ai.close();
        }
    }

    /** Silence, then the caller speaks at {@code amplitude} (peak of a 440 Hz tone) for {@code millis}. */
    private static short[] interruption(int amplitude, int millis) {
        short[] prompt = new short[(BURST_AT_MS + millis) * 8];
        short[] burst = TestAudio.sine(8000, 440, millis, amplitude);
        System.arraycopy(burst, 0, prompt, BURST_AT_MS * 8, burst.length);
        return prompt;
    }

    /** The call's AI mode started, and the agent asked to talk at length. */
    private FakeRealtimeSession startTalking(TestCall call, int answerMs, long seed) {
        ai.fake.enqueue(ScriptedResponse.audio(AiFixture.voice24k(answerMs, seed), "Let me tell you all about it."));
        ai.startAi(call);
        assertThat(ai.gw.api("uuid_audio_stream " + call.uuid() + " send_text Tell me everything"))
                .isEqualTo(GatewayHarness.OK);
        ai.awaitState(call.uuid(), "first_audio", WAIT);
        return ai.fake.sessions().getLast();
    }

    @Test
    void speechTheServerConfirmsSilencesTheAgentBeforeTheServersEventAndTruncatesAtTheHold() {
        try (TestCall call = TestCall.place(ai.gw, "ai-local", Map.of(), interruption(16_000, 1200))) {
            String uuid = call.uuid();
            FakeRealtimeSession session = startTalking(call, 6000, 11);
            JsonNode local = ai.awaitState(uuid, "local_barge_in", WAIT);
            assertThat(local.path("state").asString()).isEqualTo("SPEAKING");
            JsonNode barge = ai.awaitState(uuid, "barge_in", WAIT);
            assertThat(barge.path("local").asBoolean()).isTrue();
            assertThat(barge.path("local_lead_ms").asDouble()).as("the agent fell silent before the server's event")
                    .isPositive();
            assertThat(barge.path("silence_ms").asDouble()).isZero();
            long playedMs = barge.path("played_ms").asLong();
            assertThat(playedMs).isPositive().isLessThanOrEqualTo(barge.path("received_ms").asLong());

            await().atMost(WAIT).until(() -> !session.truncations().isEmpty());
            Truncation t = session.truncations().getFirst();
            assertThat(t.audioEndMs()).isEqualTo(playedMs);
            assertThat(t.accepted()).isTrue();
            JsonNode health = ai.gw.health(uuid).path("ai");
            assertThat(health.path("barge_in_count").asLong()).isEqualTo(1);
            assertThat(health.path("local_barge_in_count").asLong()).isEqualTo(1);
            assertThat(health.path("local_barge_in_unconfirmed").asLong()).isZero();
            AiFixture.sleep(300);

            short[] heard = call.hangUp().heard();
            short[] sent = AiFixture.decode(session.sentAudio(session.responses().getFirst().itemId()), G711Law.PCMU);
            int start = AiFixture.locate(heard, sent);
            int end = AiFixture.silenceFrom(heard, start);
            assertThat(Math.abs((end - start) / 8 - playedMs)).as("the caller heard what was reported played")
                    .isLessThanOrEqualTo(20);
            assertThat(end / 8).as("silent after the caller's first %d ms of speech, before the server's %d ms",
                    LOCAL_MIN_MS, SERVER_ONSET_MS).isBetween(BURST_AT_MS + LOCAL_MIN_MS - 20, BURST_AT_MS + SERVER_ONSET_MS);
        }
    }

    @Test
    void speechTheServerDoesNotConfirmHoldsTheAgentAndThenPlaysTheRestOfTheAnswer() {
        // -25 dBFS: above the local detector's -30 dBFS, below the server VAD's -16 dBFS (threshold 0.9)
        try (TestCall call = TestCall.place(ai.gw, "ai-local-unconfirmed", Map.of("X-AUDIO_STREAM_AI_VAD_THRESHOLD", "0.9"),
                interruption(2606, 600))) {
            String uuid = call.uuid();
            FakeRealtimeSession session = startTalking(call, 4500, 12);
            ai.awaitState(uuid, "local_barge_in", WAIT);
            JsonNode released = ai.awaitState(uuid, "local_barge_in_released", WAIT);
            assertThat(released.path("held_ms").asDouble()).isBetween(950.0, 1500.0);
            ai.awaitState(uuid, "playback_done", WAIT);
            JsonNode health = ai.gw.health(uuid).path("ai");
            assertThat(health.path("local_barge_in_count").asLong()).isEqualTo(1);
            assertThat(health.path("local_barge_in_unconfirmed").asLong()).isEqualTo(1);
            assertThat(health.path("barge_in_count").asLong()).isZero();
            assertThat(session.truncations()).isEmpty();
            assertThat(ai.gw.get("/metrics").body())
                    .containsPattern("audiostream_ai_local_barge_ins_total [1-9]")
                    .containsPattern("audiostream_ai_local_barge_ins_unconfirmed_total [1-9]");

            short[] heard = call.hangUp().heard();
            short[] sent = AiFixture.decode(session.sentAudio(session.responses().getFirst().itemId()), G711Law.PCMU);
            int start = AiFixture.locate(heard, sent);
            int stopped = AiFixture.silenceFrom(heard, start);
            int before = stopped - start;
            assertThat(AiFixture.matchingPrefix(heard, start, sent)).as("heard exactly until the hold").isEqualTo(before);
            short[] rest = Arrays.copyOfRange(sent, before, sent.length);
            OptionalInt resumed = AudioMatch.locateAnywhere(Arrays.copyOfRange(heard, stopped, heard.length), rest);
            assertThat(resumed).as("the rest of the answer, sample-exact after the hold").isPresent();
            assertThat(resumed.getAsInt() / 8).as("held for about the confirmation time").isBetween(950, 1100);
        }
    }
}
