package org.audiostream.stream.ai.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.audiostream.config.Secret;
import org.audiostream.fakes.tts.FakeTtsRequest;
import org.audiostream.fakes.tts.FakeTtsServer;
import org.audiostream.fakes.tts.FakeTtsVoice;
import org.audiostream.fakes.tts.TtsFault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ElevenLabs' multi-context input streaming against the fake: the exact messages of a sentence, one connection for
 * the session, audio that starts before the sentence's end, cancelling, every fault, and the reconnects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ElevenLabsWsEngineTest {

    private static final String KEY = "test-key-0123456789";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String OPEN_S1 = "{\"text\":\" \",\"context_id\":\"s1\",\"voice_settings\":{\"stability\":0.5,"
            + "\"similarity_boost\":0.75,\"style\":0.0,\"use_speaker_boost\":true},\"generation_config\":"
            + "{\"chunk_length_schedule\":[50,160,250,290]}}";
    private FakeTtsServer fake;
    private TtsResources resources;
    private final List<ElevenLabsWsEngine> engines = new ArrayList<>();
    private int messagesBefore;
    private int requestsBefore;

    @BeforeAll
    void start() {
        fake = FakeTtsServer.start(KEY);
        resources = new TtsResources(new TtsCache(1 << 20, 100, Duration.ofMinutes(5)), 1);
    }

    @AfterAll
    void stop() {
        resources.close();
        fake.close();
    }

    @AfterEach
    void closeEngines() {
        engines.forEach(ElevenLabsWsEngine::close);
        engines.clear();
        // the next test counts messages from its start: this one's close_socket must have landed and its
        // connections ended (the fake closes a socket once close_socket arrives)
        await().atMost(Duration.ofSeconds(5)).until(() -> fake.openConnections() == 0);
        fake.failAlways(TtsFault.NONE);
        fake.speed(8.0);
        fake.firstByteDelayMs(0);
    }

    private ElevenLabsWsEngine engine(String key) {
        messagesBefore = fake.streamInputMessages().size();
        requestsBefore = fake.requests("elevenlabs-ws").size();
        ElevenLabsWsEngine e = new ElevenLabsWsEngine(resources.http(), new TtsOptions.ElevenLabs(fake.baseUrl(),
                new Secret(key), "voice-1", "eleven_flash_v2_5", 0.5, 0.75, true), TtsFormat.ULAW_8000, Duration.ofSeconds(3));
        engines.add(e);
        return e;
    }

    /** The engine speaks a further sentence to its end (returns the listener for more checks). */
    private static CollectingListener assertTheNextSentencePlays(ElevenLabsWsEngine e) throws Exception {
        CollectingListener next = new CollectingListener();
        e.synthesize("The next one plays.", next);
        assertThat(next.await(WAIT)).isNull();
        return next;
    }

    private List<String> messages() {
        List<String> all = fake.streamInputMessages();
        return all.subList(messagesBefore, all.size());
    }

    private List<FakeTtsRequest> generations() {
        List<FakeTtsRequest> all = fake.requests("elevenlabs-ws");
        return all.subList(requestsBefore, all.size());
    }

    /** What the fake sent for {@code generations}, one after the other. */
    private static byte[] spoken(List<FakeTtsRequest> generations) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        generations.forEach(g -> out.writeBytes(FakeTtsVoice.bytes(g.text(), "ulaw_8000")));
        return out.toByteArray();
    }

    @Test
    void messagesAreExactAsSentAndEverySentenceIsAContextOfTheSessionsOneConnection() {
        assertThat(ElevenLabsWsMessages.openContext("s1", new TtsOptions.ElevenLabs("", null, "v", "m", 0.5, 0.75, true)))
                .isEqualTo(OPEN_S1);
        assertThat(ElevenLabsWsMessages.text("s1", "Your table ")).isEqualTo("{\"text\":\"Your table \",\"context_id\":\"s1\"}");
        assertThat(ElevenLabsWsMessages.flush("s1", "booked.")).isEqualTo("{\"text\":\"booked. \",\"context_id\":\"s1\",\"flush\":true}");
        assertThat(ElevenLabsWsMessages.flush("s1", "")).isEqualTo("{\"context_id\":\"s1\",\"flush\":true}");
        assertThat(ElevenLabsWsMessages.closeContext("s1")).isEqualTo("{\"context_id\":\"s1\",\"close_context\":true}");
        assertThat(ElevenLabsWsMessages.closeSocket()).isEqualTo("{\"close_socket\":true}");
    }

    @Test
    void aSentenceStreamsAsWrittenInOneContextOnTheConnectionOpenedAhead() throws Exception {
        int connections = fake.streamInputConnections();
        ElevenLabsWsEngine e = engine(KEY);
        e.open();
        await().atMost(WAIT).until(() -> fake.streamInputConnections() == connections + 1);
        CollectingListener first = new CollectingListener();
        SentenceInput input = e.begin(first);
        input.append("Your table ");
        input.append("for two is ");
        input.end("booked.");
        assertThat(first.await(WAIT)).isNull();
        assertThat(first.audio()).isEqualTo(FakeTtsVoice.bytes("Your table for two is booked.", "ulaw_8000"));
        CollectingListener second = new CollectingListener();
        e.synthesize("See you tonight.", second);
        assertThat(second.await(WAIT)).isNull();
        assertThat(second.audio()).isEqualTo(FakeTtsVoice.bytes("See you tonight.", "ulaw_8000"));
        assertThat(messages()).containsExactly(OPEN_S1,
                "{\"text\":\"Your table \",\"context_id\":\"s1\"}",
                "{\"text\":\"for two is \",\"context_id\":\"s1\"}",
                "{\"text\":\"booked. \",\"context_id\":\"s1\",\"flush\":true}",
                "{\"context_id\":\"s1\",\"close_context\":true}",
                OPEN_S1.replace("s1", "s2"),
                "{\"text\":\"See you tonight. \",\"context_id\":\"s2\",\"flush\":true}",
                "{\"context_id\":\"s2\",\"close_context\":true}");
        assertThat(fake.streamInputConnections()).as("one connection, opened ahead").isEqualTo(connections + 1);
        FakeTtsRequest request = generations().getFirst();
        assertThat(request.path()).isEqualTo("/v1/text-to-speech/voice-1/multi-stream-input");
        assertThat(request.query()).containsEntry("output_format", "ulaw_8000").containsEntry("model_id", "eleven_flash_v2_5")
                .containsEntry("inactivity_timeout", "180");
        assertThat(request.headers()).containsEntry("xi-api-key", KEY);
        e.close();
        await().atMost(WAIT).until(() -> messages().getLast().equals("{\"close_socket\":true}"));
    }

    @Test
    void aLongSentenceIsHeardBeforeTheModelHasWrittenItsEnd() throws Exception {
        fake.firstByteDelayMs(150);
        ElevenLabsWsEngine e = engine(KEY);
        CollectingListener heard = new CollectingListener();
        SentenceInput input = e.begin(heard);
        String start = "Thank you for calling the downtown restaurant, where ";
        long sent = System.nanoTime();
        input.append(start);
        await().atMost(WAIT).until(() -> heard.firstAudioNanos != 0);
        assertThat((heard.firstAudioNanos - sent) / 1_000_000).as("the time to first byte after 50 characters")
                .isGreaterThanOrEqualTo(150);
        input.end("may I help you?");
        assertThat(heard.await(WAIT)).isNull();
        assertThat(generations()).extracting(FakeTtsRequest::text).containsExactly(start.strip(), "may I help you?");
        assertThat(heard.audio()).isEqualTo(spoken(generations()));
    }

    @Test
    void aCancelledSentenceClosesItsContextHearsNothingMoreAndKeepsTheConnection() throws Exception {
        fake.speed(1.0);
        int connections = fake.streamInputConnections();
        ElevenLabsWsEngine e = engine(KEY);
        CollectingListener cancelled = new CollectingListener();
        SentenceInput input = e.begin(cancelled);
        input.append("This sentence is long enough to be generated before it ends, ");
        await().atMost(WAIT).until(() -> cancelled.firstAudioNanos != 0);
        input.cancel();
        int heardAtCancel = cancelled.audio().length;
        Thread.sleep(400);
        assertThat(cancelled.audio()).as("late audio dropped").hasSize(heardAtCancel);
        assertThat(cancelled.ended).isNotDone();
        assertThat(messages()).contains("{\"context_id\":\"s1\",\"close_context\":true}");
        CollectingListener next = assertTheNextSentencePlays(e);
        assertThat(next.audio()).isEqualTo(FakeTtsVoice.bytes("The next one plays.", "ulaw_8000"));
        assertThat(fake.streamInputConnections()).isEqualTo(connections + 1);
    }

    @ParameterizedTest
    @CsvSource({"RATE_LIMITED, too_many_concurrent_requests", "SERVER_ERROR, internal_server_error",
            "UNAUTHORIZED, invalid_api_key"})
    void anErrorForAContextFailsThatSentenceAndTheNextOneReconnects(TtsFault fault, String code) throws Exception {
        int connections = fake.streamInputConnections();
        ElevenLabsWsEngine e = engine(KEY);
        fake.fail(fault, 1);
        CollectingListener failed = new CollectingListener();
        e.synthesize("This sentence meets an error.", failed);
        TtsFailure f = failed.await(WAIT);
        assertThat(f.code()).isEqualTo(code);
        assertThat(f.httpStatus()).isZero();
        assertThat(failed.audio()).isEmpty();
        assertTheNextSentencePlays(e);
        assertThat(fake.streamInputConnections()).as("the service closed the first").isEqualTo(connections + 2);
    }

    @Test
    void aWrongKeyIsRefusedAtTheHandshakeWithTheServicesBody() throws Exception {
        CollectingListener refused = new CollectingListener();
        engine("wrong").synthesize("Anything at all.", refused);
        assertThat(refused.await(WAIT)).isEqualTo(new TtsFailure("invalid_api_key", 401, "Invalid API key"));
    }

    @Test
    void aConnectionCutMidSentenceFailsItAndALostOneIsReopenedForTheNext() throws Exception {
        int connections = fake.streamInputConnections();
        ElevenLabsWsEngine e = engine(KEY);
        fake.fail(TtsFault.CUT, 1);
        CollectingListener cut = new CollectingListener();
        e.synthesize("This sentence is cut in the middle.", cut);
        assertThat(cut.await(WAIT).code()).isIn("stream_cut", "ws_close_1006");
        assertThat(cut.audio().length).isPositive().isLessThan(FakeTtsVoice.bytes("This sentence is cut in the middle.",
                "ulaw_8000").length);
        assertTheNextSentencePlays(e);
        fake.dropConnections();
        Thread.sleep(100);
        CollectingListener again = new CollectingListener();
        e.synthesize("And so does this one.", again);
        assertThat(again.await(WAIT)).isNull();
        assertThat(fake.streamInputConnections()).isEqualTo(connections + 3);
    }

    @Test
    void stalledAndSilentContextsNeverEndAndAbandonedOnesDoNotBlockTheNext() throws Exception {
        int connections = fake.streamInputConnections();
        ElevenLabsWsEngine e = engine(KEY);
        fake.fail(TtsFault.STALL, 1);
        CollectingListener stalled = new CollectingListener();
        Synthesis s = e.synthesize("This one stalls after its first chunk.", stalled);
        try {
            stalled.await(Duration.ofMillis(800));
            throw new AssertionError("a stalled context ended");
        } catch (TimeoutException expected) {
            assertThat(stalled.audio()).isNotEmpty();
        }
        s.cancel();
        fake.fail(TtsFault.TIMEOUT, ElevenLabsWsEngine.MAX_CONTEXTS);
        for (int i = 0; i < ElevenLabsWsEngine.MAX_CONTEXTS; i++) {
            CollectingListener silent = new CollectingListener();
            Synthesis never = e.synthesize("Silent number " + i + ".", silent);
            int generated = 2 + i;
            await().atMost(WAIT).until(() -> generations().size() == generated);
            never.cancel();
        }
        assertTheNextSentencePlays(e);
        assertThat(fake.streamInputConnections()).as("a new connection freed the places").isEqualTo(connections + 2);
    }

    @Test
    void aSlowDripStillEndsWithAllTheAudio() throws Exception {
        fake.fail(TtsFault.SLOW_DRIP, 1);
        CollectingListener heard = new CollectingListener();
        engine(KEY).synthesize("Short and slow.", heard);
        assertThat(heard.await(WAIT)).isNull();
        assertThat(heard.audio()).isEqualTo(FakeTtsVoice.bytes("Short and slow.", "ulaw_8000"));
        long totalMs = (System.nanoTime() - heard.startNanos) / 1_000_000;
        assertThat(totalMs).as("half real time").isGreaterThanOrEqualTo(FakeTtsVoice.durationMs("Short and slow.") * 3L / 2);
    }
}
