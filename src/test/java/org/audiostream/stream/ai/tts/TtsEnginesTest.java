package org.audiostream.stream.ai.tts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import org.audiostream.config.Secret;
import org.audiostream.fakes.realtime.FakeRealtimeConfig;
import org.audiostream.fakes.realtime.FakeRealtimeServer;
import org.audiostream.fakes.realtime.FakeRealtimeSession;
import org.audiostream.fakes.tts.FakeTtsRequest;
import org.audiostream.fakes.tts.FakeTtsServer;
import org.audiostream.fakes.tts.FakeTtsVoice;
import org.audiostream.fakes.tts.TtsFault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each engine against its fake (or, for espeak-ng, the real program): audio exact as sent, and every fault. ElevenLabs
 * over WebSocket has its own test ({@link ElevenLabsWsEngineTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TtsEnginesTest {

    private static final String KEY = "test-key-0123456789";
    private static final String TEXT = "Your table for two is booked for eight tonight.";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private FakeTtsServer fake;
    private TtsResources resources;

    @BeforeAll
    void start() {
        fake = FakeTtsServer.start(KEY);
        resources = new TtsResources(new TtsCache(1 << 20, 100, Duration.ofMinutes(5)), 2);
    }

    @AfterAll
    void stop() {
        resources.close();
        fake.close();
    }

    private TtsEngine elevenLabs(TtsFormat format, String key) {
        return new ElevenLabsHttpEngine(resources.http(), new TtsOptions.ElevenLabs(fake.baseUrl(), new Secret(key),
                "voice-1", "eleven_flash_v2_5", 0.5, 0.75, false), format, Duration.ofMillis(800));
    }

    private TtsEngine openAi(boolean sse) {
        return new OpenAiSpeechEngine(resources.http(), new TtsOptions.OpenAiSpeech(fake.openAiSpeechUrl(),
                new Secret(KEY), "gpt-4o-mini-tts", "alloy", sse), Duration.ofMillis(800));
    }

    @ParameterizedTest
    @CsvSource({"ULAW_8000, ulaw_8000", "ALAW_8000, alaw_8000", "PCM_16000, pcm_16000"})
    void elevenLabsStreamsTheCallsFormatExactlyAsSent(TtsFormat format, String wire) throws Exception {
        CollectingListener heard = new CollectingListener();
        elevenLabs(format, KEY).synthesize(TEXT, heard);
        assertThat(heard.await(WAIT)).isNull();
        assertThat(heard.audio()).isEqualTo(FakeTtsVoice.bytes(TEXT, wire));
        FakeTtsRequest request = fake.requests("elevenlabs").getLast();
        assertThat(request.path()).isEqualTo("/v1/text-to-speech/voice-1/stream");
        assertThat(request.query()).containsEntry("output_format", wire);
        assertThat(request.headers()).containsEntry("xi-api-key", KEY);
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("text").asString()).isEqualTo(TEXT);
        assertThat(body.path("model_id").asString()).isEqualTo("eleven_flash_v2_5");
        assertThat(body.path("voice_settings").path("similarity_boost").asDouble()).isEqualTo(0.75);
    }

    @ParameterizedTest
    @CsvSource({"UNAUTHORIZED, invalid_api_key, 401", "RATE_LIMITED, too_many_concurrent_requests, 429",
            "SERVER_ERROR, internal_server_error, 500"})
    void elevenLabsErrorsCarryTheirCodes(TtsFault fault, String code, int status) throws Exception {
        fake.fail(fault, 1);
        CollectingListener heard = new CollectingListener();
        elevenLabs(TtsFormat.ULAW_8000, KEY).synthesize(TEXT, heard);
        TtsFailure failure = heard.await(WAIT);
        assertThat(failure.code()).isEqualTo(code);
        assertThat(failure.httpStatus()).isEqualTo(status);
        assertThat(heard.audio()).isEmpty();
    }

    @Test
    void aWrongKeyIsRefusedWithTheServicesBody() throws Exception {
        CollectingListener heard = new CollectingListener();
        elevenLabs(TtsFormat.ULAW_8000, "wrong").synthesize(TEXT, heard);
        assertThat(heard.await(WAIT)).isEqualTo(new TtsFailure("invalid_api_key", 401, "Invalid API key"));
    }

    @Test
    void aStreamCutInTheMiddleFailsAfterPartOfTheAudio() throws Exception {
        fake.fail(TtsFault.CUT, 1);
        CollectingListener heard = new CollectingListener();
        elevenLabs(TtsFormat.ULAW_8000, KEY).synthesize(TEXT, heard);
        assertThat(heard.await(WAIT).code()).isEqualTo("stream_cut");
        assertThat(heard.audio().length).isPositive().isLessThan(FakeTtsVoice.bytes(TEXT, "ulaw_8000").length);
    }

    @Test
    void noAnswerTimesOutAtTheHeaders() throws Exception {
        fake.fail(TtsFault.TIMEOUT, 1);
        CollectingListener heard = new CollectingListener();
        elevenLabs(TtsFormat.ULAW_8000, KEY).synthesize(TEXT, heard);
        assertThat(heard.await(WAIT).code()).isEqualTo("timeout");
    }

    @Test
    void aStalledStreamNeverEndsUntilCancelled() throws Exception {
        fake.fail(TtsFault.STALL, 1);
        CollectingListener heard = new CollectingListener();
        Synthesis s = elevenLabs(TtsFormat.ULAW_8000, KEY).synthesize(TEXT, heard);
        try {
            heard.await(Duration.ofMillis(1500));
            throw new AssertionError("a stalled stream ended");
        } catch (TimeoutException expected) {
            assertThat(heard.audio()).isNotEmpty();
        }
        s.cancel();
        Thread.sleep(200);
        assertThat(heard.ended).isNotDone();
    }

    @Test
    void aSlowDripStillStreamsTheFirstAudioEarly() throws Exception {
        fake.fail(TtsFault.SLOW_DRIP, 1);
        String text = "Short and slow drip.";
        CollectingListener heard = new CollectingListener();
        elevenLabs(TtsFormat.ULAW_8000, KEY).synthesize(text, heard);
        assertThat(heard.await(WAIT)).isNull();
        long totalMs = (System.nanoTime() - heard.startNanos) / 1_000_000;
        long firstMs = (heard.firstAudioNanos - heard.startNanos) / 1_000_000;
        assertThat(totalMs).as("half real time").isGreaterThanOrEqualTo(FakeTtsVoice.durationMs(text) * 3L / 2);
        assertThat(firstMs).as("first audio long before the end").isLessThan(totalMs / 2);
        assertThat(heard.audio()).isEqualTo(FakeTtsVoice.bytes(text, "ulaw_8000"));
    }

    @ParameterizedTest
    @CsvSource({"false", "true"})
    void openAiSpeechStreamsRawOrSsePcm(boolean sse) throws Exception {
        CollectingListener heard = new CollectingListener();
        openAi(sse).synthesize(TEXT, heard);
        assertThat(heard.await(WAIT)).isNull();
        assertThat(heard.audio()).isEqualTo(FakeTtsVoice.bytes(TEXT, "pcm_24000"));
        FakeTtsRequest request = fake.requests("openai").getLast();
        assertThat(request.headers()).containsEntry("authorization", "Bearer " + KEY);
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("response_format").asString()).isEqualTo("pcm");
        assertThat(body.path("stream_format").asString()).isEqualTo(sse ? "sse" : "audio");
        assertThat(body.path("input").asString()).isEqualTo(TEXT);
    }

    @ParameterizedTest
    @CsvSource({"false, UNAUTHORIZED, invalid_api_key", "true, RATE_LIMITED, rate_limit_exceeded",
            "false, SERVER_ERROR, server_error", "true, CUT, stream_cut", "false, CUT, stream_cut"})
    void openAiSpeechFailures(boolean sse, TtsFault fault, String code) throws Exception {
        fake.fail(fault, 1);
        CollectingListener heard = new CollectingListener();
        openAi(sse).synthesize(TEXT, heard);
        assertThat(heard.await(WAIT).code()).isEqualTo(code);
    }

    @Test
    void espeakSpeaksLocally() throws Exception {
        TtsEngine espeak = new EspeakEngine(new TtsOptions.Espeak("espeak-ng", "en-us"), new Semaphore(1));
        CollectingListener heard = new CollectingListener();
        espeak.synthesize(TEXT, heard);
        assertThat(heard.await(WAIT)).isNull();
        int samples = heard.audio().length / 2;
        assertThat(samples / (double) EspeakEngine.RATE).as("seconds of speech").isBetween(1.5, 8.0);
    }

    @Test
    void espeakIsBoundedAndReportsAMissingProgram() throws Exception {
        Semaphore none = new Semaphore(0);
        CollectingListener busy = new CollectingListener();
        new EspeakEngine(new TtsOptions.Espeak("espeak-ng", "en-us"), none).synthesize(TEXT, busy);
        assertThat(busy.await(WAIT).code()).isEqualTo("busy");
        CollectingListener missing = new CollectingListener();
        new EspeakEngine(new TtsOptions.Espeak("/nonexistent/espeak-ng", "en-us"), new Semaphore(1)).synthesize(TEXT, missing);
        assertThat(missing.await(WAIT).code()).isEqualTo("spawn_failed");
    }

    @Test
    void realtimeAsTtsReadsTheTextInAnOutOfBandAudioResponse() throws Exception {
        try (FakeRealtimeServer realtime = FakeRealtimeServer.start(FakeRealtimeConfig.builder().apiKey(KEY).speed(50).build())) {
            RealtimeTtsEngine engine = new RealtimeTtsEngine(resources.http(), new TtsOptions.RealtimeTts(realtime.url(),
                    new Secret(KEY), "gpt-realtime-2.1-mini", "marin"), TtsFormat.ULAW_8000, Duration.ofSeconds(3));
            try {
                CollectingListener first = new CollectingListener();
                engine.synthesize(TEXT, first);
                assertThat(first.await(WAIT)).isNull();
                CollectingListener second = new CollectingListener();
                engine.synthesize("And a second sentence.", second);
                assertThat(second.await(WAIT)).isNull();
                FakeRealtimeSession session = realtime.sessions().getFirst();
                assertThat(realtime.sessions()).as("one connection for both sentences").hasSize(1);
                assertThat(session.outputFormat()).isEqualTo("audio/pcmu");
                JsonNode create = session.clientEvents("response.create").getFirst().path("response");
                assertThat(create.path("conversation").asString()).isEqualTo("none");
                assertThat(create.path("output_modalities").get(0).asString()).isEqualTo("audio");
                assertThat(create.path("input").get(0).path("content").get(0).path("text").asString()).isEqualTo(TEXT);
                byte[] sent = session.sentAudio(session.responses().getFirst().itemId());
                assertThat(first.audio()).isEqualTo(sent);
            } finally {
                engine.close();
            }
        }
    }
}
