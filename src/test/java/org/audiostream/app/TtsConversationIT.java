package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.audiostream.fakes.realtime.FakeRealtimeConfig;
import org.audiostream.fakes.realtime.FakeRealtimeSession;
import org.audiostream.fakes.realtime.ScriptedResponse;
import org.audiostream.fakes.tts.FakeTtsRequest;
import org.audiostream.fakes.tts.FakeTtsServer;
import org.audiostream.fakes.tts.FakeTtsVoice;
import org.audiostream.fakes.tts.TtsFault;
import org.audiostream.media.G711Law;
import org.audiostream.testing.AudioMatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The TTS style of AI mode through real SIP/RTP calls: the fake Realtime model answers in text, the gateway
 * speaks it sentence by sentence through the fake ElevenLabs and OpenAI speech services and espeak-ng. A scripted
 * answer heard sentence by sentence in the call's own G.711 (sample-exact, nothing resampled); the cache serving a
 * repeat without a request; the provider chain falling back step by step to the local voice and recovering;
 * TTS disabled with the error tone; the watchdog; barge-in leaving no trailing audio; and the same over ElevenLabs'
 * multi-context WebSocket, where a sentence's words go out as the model writes them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TtsConversationIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String TTS_KEY = "xi-test-fixture-0123456789";
    private FakeTtsServer tts;
    private AiFixture ai;

    @BeforeAll
    void start() throws Exception {
        tts = FakeTtsServer.start(TTS_KEY, AiFixture.API_KEY);
        Map<String, String> env = new HashMap<>();
        env.put("AUDIO_STREAM_AI_TTS_PROVIDER", "elevenlabs");
        env.put("AUDIO_STREAM_AI_TTS_FALLBACK", "openai,espeak");
        env.put("AUDIO_STREAM_AI_ELEVENLABS_URL", tts.baseUrl());
        env.put("AUDIO_STREAM_AI_ELEVENLABS_API_KEY", TTS_KEY);
        env.put("AUDIO_STREAM_AI_OPENAI_TTS_URL", tts.openAiSpeechUrl());
        env.put("AUDIO_STREAM_AI_DSP_ENABLED", "false");
        env.put("AUDIO_STREAM_AI_TTS_WATCHDOG_MS", "1500");
        env.put("AUDIO_STREAM_AI_TTS_RETRY_AFTER_MS", "1000");
        env.put("AUDIO_STREAM_AI_TTS_APOLOGY", ""); // no warm-up request unless a test asks for the apology
        try {
            ai = AiFixture.start(FakeRealtimeConfig.builder(), env);
        } catch (Exception | Error e) {
            tts.close();
            throw e;
        }
    }

    @AfterAll
    void stop() {
        try {
            if (ai != null) {
                ai.close();
            }
        } finally {
            tts.close();
        }
    }

    @AfterEach
    void heal() {
        tts.failAlways(TtsFault.NONE);
        tts.speed(8.0);
    }

    /** Starts AI mode in the TTS style on {@code call} and lets the model answer {@code answer} to a typed question. */
    private String ask(TestCall call, String overridesJson, String answer) {
        ai.fake.enqueue(ScriptedResponse.text(answer));
        assertThat(ai.gw.api("uuid_audio_stream " + call.uuid() + " start_ai" + overridesJson)).isEqualTo(GatewayHarness.OK);
        ai.awaitState(call.uuid(), "connected", WAIT);
        assertThat(ai.gw.api("uuid_audio_stream " + call.uuid() + " send_text What is the plan?")).isEqualTo(GatewayHarness.OK);
        return call.uuid();
    }

    /** The shared TTS cache's entries ({@code audiostream_ai_tts_cache_entries}). */
    private double cacheEntries() {
        return ai.gw.get("/metrics").body().lines().filter(l -> l.startsWith("audiostream_ai_tts_cache_entries "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElseThrow();
    }

    private void askAgain(String uuid, String answer) {
        ai.fake.enqueue(ScriptedResponse.text(answer));
        assertThat(ai.gw.api("uuid_audio_stream " + uuid + " send_text And then?")).isEqualTo(GatewayHarness.OK);
    }

    private List<String> events(String uuid) {
        return ai.states(uuid).stream().map(s -> s.path("event").asString()).toList();
    }

    /**
     * {@code expected} heard unchanged (nothing resampled or filtered) and in order from {@code at}: at least 95 %
     * of its 20 ms frames found in order, each within 100 ms of the previous one, with at least 156 of its 160
     * samples exact. The margins are for the loaded test machine: a late tick inserts silence, and the test
     * caller's recording, placing packets by RTP timestamp and arrival, overwrites a few samples when it
     * re-anchors. Resampling or any filter would leave almost no sample exact.
     */
    private static void assertHeardInFull(short[] heard, int at, short[] expected) {
        int frames = expected.length / 160;
        int found = 0;
        int pos = at;
        for (int f = 0; f < frames; f++) {
            for (int p = pos; p < Math.min(heard.length - 160, pos + 800); p++) {
                if (equalSamples(heard, p, expected, f * 160) >= 156) {
                    found++;
                    pos = p + 160;
                    break;
                }
            }
        }
        assertThat(found).as("20 ms frames heard unchanged, in order").isGreaterThanOrEqualTo(frames * 95 / 100);
    }

    /** Where the last 20 ms frame of {@code expected} heard (as {@link #assertHeardInFull} finds them) ends. */
    private static int endOfFramesHeard(short[] heard, int at, short[] expected) {
        int pos = at;
        for (int f = 0; f < expected.length / 160; f++) {
            for (int p = pos; p < Math.min(heard.length - 160, pos + 800); p++) {
                if (equalSamples(heard, p, expected, f * 160) >= 156) {
                    pos = p + 160;
                    break;
                }
            }
        }
        return pos;
    }

    private static int equalSamples(short[] heard, int at, short[] expected, int from) {
        int n = 0;
        for (int i = 0; i < 160; i++) {
            n += heard[at + i] == expected[from + i] ? 1 : 0;
        }
        return n;
    }

    private static short[] spokenByTheFake(String sentence) {
        return AiFixture.decode(FakeTtsVoice.bytes(sentence, "ulaw_8000"), G711Law.PCMU);
    }

    @Test
    void aTextAnswerIsHeardSentenceBySentenceInTheCallsOwnFormatAndTheCacheServesTheRepeat() {
        String first = "Your table for two is booked.";
        String second = "We look forward to seeing you tonight.";
        int before = tts.requests("elevenlabs").size();
        try (TestCall call = TestCall.place(ai.gw, "tts-turn")) {
            String uuid = ask(call, "", first + " " + second);
            ai.awaitState(uuid, "playback_done", WAIT);
            List<FakeTtsRequest> requests = tts.requests("elevenlabs").subList(before, tts.requests("elevenlabs").size());
            assertThat(requests).extracting(FakeTtsRequest::text).containsExactly(first, second);
            assertThat(requests).allSatisfy(r -> assertThat(r.query()).containsEntry("output_format", "ulaw_8000"));
            assertThat(events(uuid)).containsSubsequence("connected", "first_audio", "playback_done");
            JsonNode health = ai.gw.health(uuid);
            assertThat(health.path("ai").path("tts").path("provider").asString()).isEqualTo("elevenlabs");
            assertThat(health.path("ai").path("tts").path("breaker").asString()).isEqualTo("closed");
            assertThat(health.path("health").asString()).isEqualTo("HEALTHY");

            askAgain(uuid, first + " " + second);
            await().atMost(WAIT).until(() -> events(uuid).stream().filter("playback_done"::equals).count() == 2);
            assertThat(tts.requests("elevenlabs")).as("both sentences came from the cache").hasSize(before + 2);
            assertThat(ai.gw.health(uuid).path("ai").path("tts_cache_hit_pct").asDouble()).isGreaterThanOrEqualTo(50.0);
            assertThat(ai.gw.get("/metrics").body()).as("first-audio delays: provider's first byte to the playing tick")
                    .containsPattern("audiostream_ai_first_audio_delay_seconds_count [1-9]")
                    .containsPattern("audiostream_ai_first_audio_queued_seconds_count [1-9]")
                    .containsPattern("audiostream_ai_tts_requests_total\\{provider=\"elevenlabs\",?\\} [1-9]");

            short[] heard = call.hangUp().heard();
            int a = AiFixture.locate(heard, spokenByTheFake(first));
            int b = AiFixture.locate(heard, spokenByTheFake(second));
            assertThat(b).as("the second sentence follows the first").isGreaterThan(a);
            assertHeardInFull(heard, a, spokenByTheFake(first));
            assertHeardInFull(heard, b, spokenByTheFake(second));
        }
    }

    /** ElevenLabs over multi-stream-input, without the cache (every sentence synthesised). */
    private static final String WEBSOCKET = " {\"AUDIO_STREAM_AI_ELEVENLABS_TRANSPORT\":\"websocket\","
            + "\"AUDIO_STREAM_AI_ENABLE_TTS_CACHE\":\"false\"}";

    @Test
    void overWebSocketEachSentenceIsAContextOfOneConnectionFedAsWrittenAndHeardExactlyInOrder() {
        String first = "Your table for two is booked at the window for eight o'clock tonight.";
        String second = "We look forward to seeing you.";
        int connections = tts.streamInputConnections();
        int messages = tts.streamInputMessages().size();
        int generations = tts.requests("elevenlabs-ws").size();
        try (TestCall call = TestCall.place(ai.gw, "tts-ws")) {
            String uuid = ask(call, WEBSOCKET, first + " " + second);
            ai.awaitState(uuid, "playback_done", WAIT);
            List<FakeTtsRequest> spoken = tts.requests("elevenlabs-ws").subList(generations, tts.requests("elevenlabs-ws").size());
            assertThat(String.join(" ", spoken.stream().map(FakeTtsRequest::text).toList())).isEqualTo(first + " " + second);
            assertThat(spoken.getFirst().text()).as("the first generation started before the sentence was complete")
                    .isNotEqualTo(first);
            assertThat(spoken).allSatisfy(r -> assertThat(r.query()).containsEntry("output_format", "ulaw_8000"));
            assertThat(tts.streamInputConnections()).as("one connection for the call").isEqualTo(connections + 1);
            List<String> sent = tts.streamInputMessages().subList(messages, tts.streamInputMessages().size());
            assertThat(sent.stream().filter(m -> m.contains("\"context_id\":\"s1\"") && m.contains("\"text\"")
                    && !m.contains("flush") && !m.contains("voice_settings")))
                    .as("the first sentence's words went out as the model wrote them").hasSizeGreaterThan(1);
            assertThat(sent).contains("{\"context_id\":\"s1\",\"close_context\":true}",
                    "{\"context_id\":\"s2\",\"close_context\":true}");

            short[] heard = call.hangUp().heard();
            int at = 0;
            for (FakeTtsRequest piece : spoken) {
                short[] expected = spokenByTheFake(piece.text());
                int found = AiFixture.locate(heard, expected);
                assertThat(found).as("\"%s\" follows what came before", piece.text()).isGreaterThanOrEqualTo(at);
                assertHeardInFull(heard, found, expected);
                at = found + expected.length / 2;
            }
        }
    }

    @Test
    void overWebSocketErrorsFallBackToTheNextProviderAndTheFirstVoiceReturns() {
        tts.fail(TtsFault.SERVER_ERROR, 3); // the three sentences that move the call to OpenAI, not OpenAI's
        String answer = "First sentence of the answer. Second sentence of the answer. Third sentence of the answer. "
                + "Fourth sentence of the answer.";
        try (TestCall call = TestCall.place(ai.gw, "tts-ws-fallback")) {
            String uuid = ask(call, WEBSOCKET, answer);
            JsonNode toOpenAi = ai.awaitState(uuid, "tts_fallback", WAIT);
            assertThat(toOpenAi.path("from").asString()).isEqualTo("elevenlabs");
            assertThat(toOpenAi.path("to").asString()).isEqualTo("openai");
            assertThat(toOpenAi.path("code").asString()).isEqualTo("internal_server_error");
            ai.awaitState(uuid, "playback_done", WAIT);
            assertThat(ai.states(uuid).stream().filter(s -> s.path("event").asString().equals("tts_failed")))
                    .as("the failures before the fallback; the third sentence was retried there").hasSize(2)
                    .allSatisfy(s -> assertThat(s.path("code").asString()).isEqualTo("internal_server_error"));
            assertThat(tts.requests("openai").getLast().text()).isEqualTo("Fourth sentence of the answer.");

            AiFixture.sleep(1100);
            askAgain(uuid, "Back to the first voice now.");
            JsonNode recovered = ai.awaitState(uuid, "tts_recovered", WAIT);
            assertThat(recovered.path("provider").asString()).isEqualTo("elevenlabs");
            assertThat(tts.requests("elevenlabs-ws").getLast().text()).isEqualTo("Back to the first voice now.");
        }
    }

    @Test
    void realtimeAsTtsReadsTheSentenceInAnOutOfBandResponseOfItsOwnSession() {
        String sentence = "The realtime voice reads this sentence aloud.";
        int sessionsBefore = ai.fake.sessions().size();
        try (TestCall call = TestCall.place(ai.gw, "tts-realtime")) {
            String uuid = ask(call, " {\"AUDIO_STREAM_AI_TTS_PROVIDER\":\"realtime_tts\"}", sentence);
            ai.awaitState(uuid, "playback_done", WAIT);
            assertThat(ai.fake.sessions()).as("the conversation's session and the voice's").hasSize(sessionsBefore + 2);
            FakeRealtimeSession voice = ai.fake.sessions().getLast();
            assertThat(voice.model()).isEqualTo("gpt-realtime-2.1-mini");
            JsonNode create = voice.clientEvents("response.create").getFirst().path("response");
            assertThat(create.path("conversation").asString()).isEqualTo("none");
            assertThat(create.path("input").get(0).path("content").get(0).path("text").asString()).isEqualTo(sentence);
            short[] said = AiFixture.decode(voice.sentAudio(voice.responses().getFirst().itemId()), G711Law.PCMU);
            short[] heard = call.hangUp().heard();
            assertHeardInFull(heard, AiFixture.locate(heard, Arrays.copyOf(said, 800)), said);
        }
    }

    @Test
    void theChainFallsBackStepByStepToTheLocalVoiceAndRecovers() {
        tts.failAlways(TtsFault.SERVER_ERROR);
        String answer = "First sentence of the answer. Second sentence of the answer. Third sentence of the answer. "
                + "Fourth sentence of the answer. Fifth sentence of the answer. Sixth sentence of the answer.";
        try (TestCall call = TestCall.place(ai.gw, "tts-fallback")) {
            // a text no other test has cached: the session warms it into the cache in the local voice when it starts
            // (ElevenLabs, failing, cannot); the answer is asked for once it is there, as on a quiet box, since a
            // sentence failing before the warm-up ends is silence by design
            double cachedBefore = cacheEntries();
            ai.fake.enqueue(ScriptedResponse.text(answer));
            assertThat(ai.gw.api("uuid_audio_stream " + call.uuid() + " start_ai {\"AUDIO_STREAM_AI_TTS_APOLOGY\":"
                    + "\"Sorry, could you repeat that? (fallback test)\"}")).isEqualTo(GatewayHarness.OK);
            ai.awaitState(call.uuid(), "connected", WAIT);
            await("the apology in the cache").atMost(WAIT).until(() -> cacheEntries() > cachedBefore);
            assertThat(ai.gw.api("uuid_audio_stream " + call.uuid() + " send_text What is the plan?"))
                    .isEqualTo(GatewayHarness.OK);
            String uuid = call.uuid();
            JsonNode toOpenAi = ai.awaitState(uuid, "tts_fallback", WAIT);
            assertThat(toOpenAi.path("from").asString()).isEqualTo("elevenlabs");
            assertThat(toOpenAi.path("to").asString()).isEqualTo("openai");
            await().atMost(WAIT).until(() -> ai.states(uuid).stream().anyMatch(s -> s.path("event").asString()
                    .equals("tts_fallback") && s.path("to").asString().equals("espeak")));
            ai.awaitState(uuid, "playback_done", WAIT);
            JsonNode failed = ai.states(uuid).stream().filter(s -> s.path("event").asString().equals("tts_failed"))
                    .findFirst().orElseThrow();
            assertThat(failed.path("code").asString()).isEqualTo("internal_server_error");
            assertThat(failed.path("http_status").asInt()).isEqualTo(500);
            assertThat(failed.path("apology").asBoolean()).as("the apology was cached in the local voice").isTrue();
            assertThat(tts.requests("openai")).as("openai was tried in between").isNotEmpty();
            JsonNode health = ai.gw.health(uuid);
            assertThat(health.path("ai").path("tts").path("provider").asString()).isEqualTo("espeak");
            assertThat(health.path("ai").path("tts").path("breaker").asString()).isEqualTo("fallback");
            assertThat(health.path("health").asString()).isEqualTo("DEGRADED");

            tts.failAlways(TtsFault.NONE);
            AiFixture.sleep(1100);
            askAgain(uuid, "Back to the first voice now.");
            JsonNode recovered = ai.awaitState(uuid, "tts_recovered", WAIT);
            assertThat(recovered.path("provider").asString()).isEqualTo("elevenlabs");
            assertThat(tts.requests("elevenlabs").getLast().text()).isEqualTo("Back to the first voice now.");
            assertThat(ai.gw.health(uuid).path("ai").path("tts").path("breaker").asString()).isEqualTo("closed");
        }
    }

    @Test
    void fiveFailuresWithoutFallbackDisableTtsAndPlayTheErrorTone() {
        tts.failAlways(TtsFault.UNAUTHORIZED);
        String answer = "One sentence that fails. Two sentences that fail. Three sentences that fail. "
                + "Four sentences that fail. Five sentences that fail. Six sentences never tried.";
        try (TestCall call = TestCall.place(ai.gw, "tts-disabled")) {
            String uuid = ask(call, " {\"AUDIO_STREAM_AI_TTS_FALLBACK\":\"\"}", answer);
            JsonNode disabled = ai.awaitState(uuid, "tts_disabled", WAIT);
            assertThat(disabled.path("provider").asString()).isEqualTo("elevenlabs");
            assertThat(disabled.path("code").asString()).isEqualTo("invalid_api_key");
            ai.awaitState(uuid, "playback_done", WAIT);
            assertThat(ai.states(uuid).stream().filter(s -> s.path("event").asString().equals("tts_failed")).toList())
                    .hasSize(5).allSatisfy(s -> assertThat(s.path("apology").asBoolean()).isFalse());
            assertThat(ai.gw.health(uuid).path("ai").path("tts").path("breaker").asString()).isEqualTo("disabled");
            short[] heard = call.hangUp().heard();
            long loud = 0;
            for (short s : heard) {
                loud += Math.abs(s) > 1000 ? 1 : 0;
            }
            assertThat(loud).as("the error tone (750 ms of beeps) was heard").isGreaterThan(8000L * 450 / 1000);
        }
    }

    @Test
    void theWatchdogAbortsAStalledRequestAndCountsItAsAFailure() {
        tts.fail(TtsFault.STALL, 1);
        try (TestCall call = TestCall.place(ai.gw, "tts-watchdog")) {
            String uuid = ask(call, "", "This request stalls after its first chunk. This one plays.");
            JsonNode watchdog = ai.awaitState(uuid, "tts_watchdog", WAIT);
            assertThat(watchdog.path("provider").asString()).isEqualTo("elevenlabs");
            assertThat(watchdog.path("elapsed_ms").asLong()).isBetween(1400L, 5000L);
            JsonNode failed = ai.awaitState(uuid, "tts_failed", WAIT);
            assertThat(failed.path("code").asString()).isEqualTo("watchdog");
            ai.awaitState(uuid, "playback_done", WAIT);
            assertThat(ai.gw.health(uuid).path("ai").path("tts").path("consecutive_failures").path("elevenlabs").asInt())
                    .as("reset by the next sentence's success").isZero();
        }
    }

    @Test
    void bargeInDuringTtsCancelsTheRequestAndLeavesNoTrailingAudio() {
        bargeInLeavesNoTrailingAudio("", "elevenlabs");
    }

    @Test
    void overWebSocketBargeInClosesTheContextDropsItsLateAudioAndKeepsTheConnection() {
        int connections = tts.streamInputConnections();
        bargeInLeavesNoTrailingAudio(WEBSOCKET, "elevenlabs-ws");
        assertThat(tts.streamInputConnections()).as("the connection outlived the barge-in").isEqualTo(connections + 1);
    }

    /** A barge-in in the middle of the first sentence: what was heard of it stops, and nothing of the answer follows. */
    private void bargeInLeavesNoTrailingAudio(String overrides, String service) {
        tts.speed(2.0); // still ahead of playout (no gaps), but the sentence is far from complete at the barge-in
        String first = "This is a long first sentence that the caller will interrupt halfway through.";
        String answer = first + " And this second sentence must never be heard by anyone at all.";
        int requestsBefore = tts.requests(service).size();
        try (TestCall call = TestCall.place(ai.gw, "tts-barge")) {
            String uuid = ask(call, overrides, answer);
            ai.awaitState(uuid, "first_audio", WAIT);
            FakeRealtimeSession session = ai.fake.sessions().getLast();
            AiFixture.sleep(800);
            int requestsAtBargeIn = tts.requests(service).size();
            session.triggerSpeechStarted();
            JsonNode barge = ai.awaitState(uuid, "barge_in", WAIT);
            assertThat(barge.path("previous").asString()).isEqualTo("SPEAKING");
            assertThat(barge.path("silence_ms").asDouble()).as("two ticks at most").isLessThanOrEqualTo(40.0);
            assertThat(ai.gw.health(uuid).path("ai").path("tts_queue_depth").asInt()).isZero();
            AiFixture.sleep(1500);
            assertThat(tts.requests(service).stream().skip(requestsAtBargeIn).map(FakeTtsRequest::text))
                    .as("nothing of the old response was requested after the barge-in")
                    .noneMatch(text -> answer.contains(text));
            short[] heard = call.hangUp().heard();
            short[] sentence = spokenByTheFake(tts.requests(service).get(requestsBefore).text());
            int at = AiFixture.locate(heard, Arrays.copyOf(sentence, 1600));
            int heardEnd = endOfFramesHeard(heard, at, sentence);
            assertThat(heardEnd - at).as("only part of the first sentence").isLessThan(sentence.length);
            // the fake's VAD may answer the caller's "speech" with a new response: silence until its audio starts
            int end = heard.length;
            for (String text : tts.requests(service).stream().skip(requestsAtBargeIn).map(FakeTtsRequest::text).toList()) {
                short[] next = spokenByTheFake(text);
                int found = AudioMatch.locateAnywhere(heard, Arrays.copyOf(next, Math.min(next.length, 800))).orElse(end);
                end = Math.min(end, found);
            }
            assertThat(end - heardEnd).as("silence checked over at least half a second").isGreaterThan(4000);
            for (int i = heardEnd + 320; i < end; i++) {
                assertThat(heard[i]).as("silence after the barge-in, sample %d of %d", i, heard.length).isZero();
            }
        }
    }
}
