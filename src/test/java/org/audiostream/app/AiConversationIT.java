package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.audiostream.fakes.realtime.FakeRealtimeConfig;
import org.audiostream.fakes.realtime.FakeRealtimeSession;
import org.audiostream.fakes.realtime.FakeResponse;
import org.audiostream.fakes.realtime.ScriptedResponse;
import org.audiostream.fakes.realtime.Truncation;
import org.audiostream.media.G711Law;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * AI mode through real SIP/RTP calls against the fake Realtime server: a spoken turn and the agent's answer
 * (events, transcripts, usage, health, G.711 both ways sample-exact), barge-in (silence within a tick, truncation
 * to what the caller heard), tools and {@code send_text}, pause, resume and stop, and a missing API key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AiConversationIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String USER_SAID = "I would like to book a table for two";
    private AiFixture ai;

    @BeforeAll
    void start() throws Exception {
        ai = AiFixture.start(FakeRealtimeConfig.builder().userTranscripts(USER_SAID, USER_SAID, USER_SAID, USER_SAID),
                Map.of());
    }

    @AfterAll
    void stop() {
        if (ai != null) {
            ai.close();
        }
    }

    private static short[] spoken(int millis) {
        return TestAudio.sine(8000, 440, millis, 8000);
    }

    @Test
    void aSpokenTurnGetsTheAgentsAnswerWithEventsTranscriptsAndExactAudio() {
        ai.fake.enqueue(ScriptedResponse.audio(AiFixture.voice24k(1500, 1), "A table for two, certainly."));
        short[] prompt = spoken(1000);
        // a deeper playout prebuffer than the default 60 ms: a scheduling hiccup of the in-process fake on a busy
        // 2-core machine must not underrun the inject buffer mid-answer, as this test compares the answer sample by sample
        try (TestCall call = TestCall.place(ai.gw, "ai-turn", Map.of("X-AUDIO_STREAM_AI_PLAYOUT_PREBUFFER_MS", "200"), prompt)) {
            ai.startAi(call);
            String uuid = call.uuid();
            JsonNode response = ai.awaitBody("mod_audio_stream::ai_response", uuid, WAIT);
            ai.awaitState(uuid, "playback_done", WAIT);

            JsonNode health = ai.gw.health(uuid);
            assertThat(health.path("mode").asString()).isEqualTo("ai");
            assertThat(health.path("ai").path("openai_connected").asBoolean()).isTrue();
            assertThat(health.path("ai").path("state").asString()).isEqualTo("LISTENING");
            assertThat(health.path("ai").has("ring_buffer_ms")).isTrue();
            assertThat(health.path("ai").path("barge_in_count").asLong()).isZero();
            assertThat(health.path("health").asString()).isEqualTo("HEALTHY");
            assertThat(ai.gw.getJson("/v1/health").path("active_ai_sessions").asInt()).isEqualTo(1);

            short[] heard = call.hangUp().heard();
            FakeRealtimeSession session = ai.fake.sessions().getLast();
            assertThat(session.requestHeader("Authorization")).isEqualTo("Bearer " + AiFixture.API_KEY);
            assertThat(session.model()).isEqualTo("gpt-realtime-2.1");
            assertThat(session.inputFormat()).isEqualTo("audio/pcmu");
            assertThat(session.outputFormat()).isEqualTo("audio/pcmu");
            short[] received = AiFixture.decode(session.receivedAudio(), G711Law.PCMU);
            short[] said = AiFixture.asG711(prompt, G711Law.PCMU);
            int at = AiFixture.locate(received, said);
            assertThat(AiFixture.matchingPrefix(received, at, said)).as("caller audio reached the model sample-exact")
                    .isEqualTo(said.length);

            List<String> events = ai.states(uuid).stream().map(s -> s.path("event").asString()).toList();
            assertThat(events).containsSubsequence("start", "connected", "speech_started", "speech_stopped", "first_audio",
                    "playback_done");
            assertThat(ai.states(uuid)).filteredOn(s -> s.path("event").asString().equals("first_audio"))
                    .singleElement().satisfies(s -> {
                        assertThat(s.path("state").asString()).isEqualTo("SPEAKING");
                        assertThat(s.path("previous").asString()).isEqualTo("PROCESSING");
                    });
            List<JsonNode> transcripts = ai.gw.events("mod_audio_stream::ai_transcript", uuid).stream()
                    .map(e -> tools.jackson.databind.json.JsonMapper.builder().build().readTree(e.body()))
                    .filter(t -> t.path("final").asBoolean()).toList();
            assertThat(transcripts).extracting(t -> t.path("role").asString() + ": " + t.path("text").asString())
                    .containsExactly("user: " + USER_SAID, "assistant: A table for two, certainly.");
            assertThat(response.path("status").asString()).isEqualTo("completed");
            assertThat(response.path("text").asString()).isEqualTo("A table for two, certainly.");
            assertThat(response.path("usage").path("total_tokens").asLong()).isPositive();

            FakeResponse answer = session.responses().getFirst();
            short[] sent = AiFixture.decode(session.sentAudio(answer.itemId()), G711Law.PCMU);
            int start = AiFixture.locate(heard, sent);
            assertThat(AiFixture.correlation(heard, start, sent, sent.length)).isGreaterThanOrEqualTo(0.99);
            assertThat(AiFixture.matchingPrefix(heard, start, sent)).as("G.711 from the model to the caller, unchanged")
                    .isEqualTo(sent.length);
            await().atMost(WAIT).until(() -> ai.states(uuid).stream()
                    .anyMatch(s -> s.path("state").asString().equals("SHUTDOWN")));
        }
    }

    @Test
    void bargeInSilencesTheCallerWithinATickAndTruncatesToWhatWasHeard() {
        ai.fake.enqueue(ScriptedResponse.audio(AiFixture.voice24k(6000, 2), "Here is a very long answer that goes on."));
        try (TestCall call = TestCall.place(ai.gw, "ai-barge", Map.of(), spoken(800))) {
            ai.startAi(call);
            String uuid = call.uuid();
            ai.awaitState(uuid, "first_audio", WAIT);
            FakeRealtimeSession session = ai.fake.sessions().getLast();
            await().atMost(WAIT).until(() -> ai.gw.health(uuid).path("capture").path("frames_sent").asLong() > 0
                    && session.responses().getFirst().sentAudioBytes() > 8 * 2000);
            AiFixture.sleep(1200);
            session.triggerSpeechStarted();
            JsonNode barge = ai.awaitState(uuid, "barge_in", WAIT);
            assertThat(barge.path("previous").asString()).isEqualTo("SPEAKING");
            assertThat(barge.path("state").asString()).isEqualTo("LISTENING");
            assertThat(barge.path("silence_ms").asDouble()).as("event arrival to the first silent tick").isLessThanOrEqualTo(25.0);
            long playedMs = barge.path("played_ms").asLong();
            long receivedMs = barge.path("received_ms").asLong();
            assertThat(playedMs).isPositive().isLessThanOrEqualTo(receivedMs);

            await().atMost(WAIT).until(() -> !session.truncations().isEmpty());
            Truncation t = session.truncations().getFirst();
            assertThat(t.audioEndMs()).isEqualTo(playedMs);
            assertThat(t.audioEndMs()).isLessThanOrEqualTo(t.sentMs());
            assertThat(t.accepted()).isTrue();
            assertThat(ai.gw.health(uuid).path("ai").path("barge_in_count").asLong()).isEqualTo(1);
            AiFixture.sleep(300);

            short[] heard = call.hangUp().heard();
            FakeResponse answer = session.responses().getFirst();
            short[] sent = AiFixture.decode(session.sentAudio(answer.itemId()), G711Law.PCMU);
            int start = AiFixture.locate(heard, sent);
            // where the agent's audio stops in the recording (the demo caller's recording may shift a frame on a
            // late packet, so this is not the exact prefix), and that what played until then was the agent's
            int end = AiFixture.silenceFrom(heard, start);
            long heardMs = (end - start) / 8;
            assertThat(Math.abs(heardMs - playedMs)).as("truncated at %d ms, the caller heard %d ms", playedMs, heardMs)
                    .isLessThanOrEqualTo(20);
            assertThat(AiFixture.framesFoundInOrder(heard, start, end, sent)).as("20 ms frames of the agent's audio heard")
                    .isGreaterThanOrEqualTo((end - start) / 160 * 9 / 10);
            for (int i = start + (int) heardMs * 8 + 160; i < start + (int) heardMs * 8 + 2400 && i < heard.length; i++) {
                assertThat(heard[i]).as("silence after the barge-in, sample %d", i).isZero();
            }
        }
    }

    @Test
    void aToolCallBecomesAnActionEventAndItsResultLetsTheAgentGoOn() {
        ai.fake.enqueue(ScriptedResponse.functionCall("lookup_order", "{\"order\":\"42\"}"),
                ScriptedResponse.audio(AiFixture.voice24k(600, 3), "Your order has shipped."));
        try (TestCall call = TestCall.place(ai.gw, "ai-tool")) {
            String tools = "[{\"type\":\"function\",\"name\":\"lookup_order\",\"description\":\"Find an order\","
                    + "\"parameters\":{\"type\":\"object\",\"properties\":{\"order\":{\"type\":\"string\"}}}}]";
            assertThat(ai.gw.api("uuid_audio_stream " + call.uuid() + " start_ai {\"AUDIO_STREAM_AI_TOOLS\":" + tools
                    + ",\"AUDIO_STREAM_AI_VOICE\":\"cedar\"}")).isEqualTo(GatewayHarness.OK);
            String uuid = call.uuid();
            ai.awaitState(uuid, "connected", WAIT);
            FakeRealtimeSession session = ai.fake.sessions().getLast();
            assertThat(session.effectiveSession().path("tools").get(0).path("name").asString()).isEqualTo("lookup_order");
            assertThat(session.effectiveSession().path("audio").path("output").path("voice").asString()).isEqualTo("cedar");

            assertThat(ai.gw.api("uuid_audio_stream " + uuid + " send_text Where is my order 42?")).isEqualTo(GatewayHarness.OK);
            JsonNode action = ai.awaitBody("mod_audio_stream::ai_action", uuid, WAIT);
            assertThat(action.path("name").asString()).isEqualTo("lookup_order");
            assertThat(action.path("arguments").asString()).isEqualTo("{\"order\":\"42\"}");
            String callId = action.path("call_id").asString();
            assertThat(ai.gw.api("uuid_audio_stream " + uuid + " ai_function_result nope {}"))
                    .startsWith("-ERR no function call nope");
            assertThat(ai.gw.api("uuid_audio_stream " + uuid + " ai_function_result " + callId + " {\"status\":\"shipped\"}"))
                    .isEqualTo(GatewayHarness.OK);
            await().atMost(WAIT).until(() -> ai.gw.events("mod_audio_stream::ai_response", uuid).size() >= 2);

            assertThat(session.itemsCreated()).anySatisfy(item -> {
                assertThat(item.path("type").asString()).isEqualTo("message");
                assertThat(item.path("content").get(0).path("text").asString()).isEqualTo("Where is my order 42?");
            });
            assertThat(session.itemsCreated()).anySatisfy(item -> {
                assertThat(item.path("type").asString()).isEqualTo("function_call_output");
                assertThat(item.path("call_id").asString()).isEqualTo(callId);
                assertThat(item.path("output").asString()).isEqualTo("{\"status\":\"shipped\"}");
            });
            assertThat(session.clientEvents("response.create")).hasSize(2);
        }
    }

    @Test
    void pauseStopsCallerAudioResumeRestartsItAndStopLeavesTheCallParked() {
        try (TestCall call = TestCall.place(ai.gw, "ai-pause")) {
            ai.startAi(call);
            String uuid = call.uuid();
            FakeRealtimeSession session = ai.fake.sessions().getLast();
            await().atMost(WAIT).until(() -> session.receivedAudioMs() > 200);
            assertThat(ai.gw.api("uuid_audio_stream " + uuid + " pause")).isEqualTo(GatewayHarness.OK);
            AiFixture.sleep(200);
            long paused = session.receivedAudioMs();
            AiFixture.sleep(500);
            assertThat(session.receivedAudioMs()).as("nothing sent while paused").isEqualTo(paused);
            assertThat(ai.gw.api("uuid_audio_stream " + uuid + " resume")).isEqualTo(GatewayHarness.OK);
            await().atMost(WAIT).until(() -> session.receivedAudioMs() > paused + 200);

            assertThat(ai.gw.api("uuid_audio_stream " + uuid + " stop")).isEqualTo(GatewayHarness.OK);
            JsonNode shutdown = ai.awaitState(uuid, "stop", WAIT);
            assertThat(shutdown.path("state").asString()).isEqualTo("SHUTDOWN");
            await().atMost(WAIT).until(session::closed);
            assertThat(session.closeCodeReceived()).isEqualTo(1000);
            assertThat(ai.gw.session(uuid).path("mode").asString()).isEqualTo("none");
            assertThat(call.inCall()).isTrue();
        }
    }

    @Test
    void withoutAnApiKeyStartAiIsRefusedNamingTheVariableAndTheCallStaysUp() throws Exception {
        try (GatewayHarness plain = GatewayHarness.start(Map.of());
             TestCall call = TestCall.place(plain, "ai-nokey")) {
            assertThat(plain.api("uuid_audio_stream " + call.uuid() + " start_ai")).isEqualTo(
                    "-ERR AI mode requires AUDIO_STREAM_AI_OPENAI_API_KEY (or AI_OPENAI_API_KEY), which is not set\n");
            AiFixture.sleep(200);
            assertThat(call.inCall()).isTrue();
            assertThat(plain.session(call.uuid()).path("mode").asString()).isEqualTo("none");
        }
    }
}
