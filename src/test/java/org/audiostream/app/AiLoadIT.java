package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.audiostream.event.Event;
import org.audiostream.fakes.realtime.FakeRealtimeConfig;
import org.audiostream.fakes.tts.FakeTtsServer;
import org.audiostream.media.G711Law;
import org.audiostream.testing.AsteriskSounds;
import org.audiostream.testing.G711Prompt;
import org.audiostream.testing.SippRunner;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@value #CALLS} concurrent AI calls from SIPp against the fake Realtime service: each caller starts AI mode
 * with {@code X-AUDIO_STREAM_START_AI}, says an Asterisk prompt (PCMU, so the gateway appends {@code audio/pcmu}
 * as it arrives), the fake's server VAD hears it end and answers in its synthetic voice, and the gateway plays the
 * answer. No call fails, every session has its own Realtime session, every caller gets a completed response, no
 * engine fails or reconnects, and (closing the {@link GatewayHarness}) everything is released. The same in the TTS
 * style: the model answers in text and each call's sentence is synthesised by the fake ElevenLabs (cache off, so
 * {@value #CALLS} requests run at once), with no TTS failure.
 */
class AiLoadIT {

    private static final int CALLS = 50;
    private static final int SPEAK_AFTER_MS = 1000;
    /** -d from the start of the speech: 3 s of it, the VAD's 500 ms, the fake's 1.2 s answer played, margin. */
    private static final int TALK_MS = 7000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void fiftyConcurrentAiCallsFromSippAllGetTheirAnswer() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        root.setLevel(Level.WARN);   // as SippLoadIT: the tests' synchronous console logging is not the product's
        try (AiFixture ai = AiFixture.start(FakeRealtimeConfig.builder(), Map.of())) {
            fiftyCallsAllAnswered(ai);
            assertThat(ai.gw.get("/metrics").body()).as("first-audio delays recorded")
                    .containsPattern("audiostream_ai_first_audio_delay_seconds_count [1-9]");
        } finally {
            root.setLevel(level);
        }
    }

    @Test
    void fiftyConcurrentTtsStyleCallsAllHearTheirSentence() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        root.setLevel(Level.WARN);
        try (FakeTtsServer tts = FakeTtsServer.start("xi-load-0123456789")) {
            try (AiFixture ai = AiFixture.start(FakeRealtimeConfig.builder(), Map.of(
                    "AUDIO_STREAM_AI_TTS_PROVIDER", "elevenlabs",
                    "AUDIO_STREAM_AI_ELEVENLABS_URL", tts.baseUrl(),
                    "AUDIO_STREAM_AI_ELEVENLABS_API_KEY", "xi-load-0123456789",
                    "AUDIO_STREAM_AI_ENABLE_TTS_CACHE", "false"))) {
                fiftyCallsAllAnswered(ai);
                assertThat(tts.requests("elevenlabs")).as("one request per call").hasSize(CALLS)
                        .allSatisfy(req -> assertThat(req.query()).containsEntry("output_format", "ulaw_8000"));
                assertThat(ai.gw.events(AiFixture.STATE, null)).as("no TTS trouble")
                        .noneSatisfy(e -> assertThat(json(e).path("event").asString()).startsWith("tts_"));
            }
        } finally {
            root.setLevel(level);
        }
    }

    private static void fiftyCallsAllAnswered(AiFixture ai) throws Exception {
        G711Prompt prompt = G711Prompt.convert(AsteriskSounds.prompt("demo-thanks.wav"), G711Law.PCMU,
                Path.of("target/prompts"), 3.0);
        SippRunner.Result r = SippRunner.run("ai-load-" + CALLS, ai.gw.sipAddress(), Duration.ofSeconds(60),
                Map.of("speech.ulaw", prompt.file()), "-sf", SippRunner.scenario("rtp_stream_call.xml").toString(),
                "-key", "start_header", "X-AUDIO_STREAM_START_AI", "-key", "start_args", "{}",
                "-set", "speak_after_ms", String.valueOf(SPEAK_AFTER_MS),
                "-l", String.valueOf(CALLS), "-m", String.valueOf(CALLS), "-r", "25", "-d", String.valueOf(TALK_MS));
        assertThat(r.failed()).as(r.describe()).isZero();
        assertThat(r.successful()).as(r.describe()).isEqualTo(CALLS);

        assertThat(ai.fake.sessions()).as("Realtime sessions").hasSize(CALLS);
        List<Event> hangups = ai.gw.events("call::hangup", null);
        assertThat(hangups).hasSize(CALLS).allSatisfy(e -> assertThat(e.body()).contains("\"cause\":\"NORMAL_CLEARING\""));
        Set<String> sessions = hangups.stream().map(Event::sessionUuid).collect(Collectors.toSet());
        List<Event> responses = ai.gw.events("mod_audio_stream::ai_response", null);
        assertThat(responses.stream().filter(e -> json(e).path("status").asString().equals("completed"))
                .map(Event::sessionUuid).collect(Collectors.toSet())).as("sessions with a completed response").isEqualTo(sessions);
        assertThat(ai.gw.events(AiFixture.STATE, null)).as("states")
                .noneSatisfy(e -> assertThat(json(e).path("state").asString()).isIn("FAILED", "RECONNECTING"));
        assertThat(ai.gw.events(AiFixture.STATE, null).stream().filter(e -> json(e).path("event").asString()
                .equals("first_audio")).map(Event::sessionUuid).collect(Collectors.toSet()))
                .as("sessions that played the answer").isEqualTo(sessions);
    }

    private static JsonNode json(Event e) {
        return JSON.readTree(e.body());
    }
}
