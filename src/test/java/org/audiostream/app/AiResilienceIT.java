package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.audiostream.fakes.realtime.FakeRealtimeConfig;
import org.audiostream.fakes.realtime.FakeRealtimeSession;
import org.audiostream.media.G711Law;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * AI mode when the Realtime side misbehaves, through real SIP/RTP calls against the fake: a dropped connection
 * mid-utterance reconnects and the new session gets the caller's audio from the gap and the conversation so far;
 * the breaker opens, refuses, probes and closes; the last failed try ends in FAILED with the call still up; auth and
 * request-shape errors are not retried; a session is recycled before its cap during a live call; the watchdog fires
 * and recovers. Each test has its own fake and gateway, since breakers and scripts are per process.
 */
class AiResilienceIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    /** A caller that talks for {@code millis}: a pitch glide, so that any 50 ms of it can be located exactly. */
    private static short[] glide(int millis) {
        short[] out = new short[millis * 8];
        double phase = 0;
        for (int i = 0; i < out.length; i++) {
            phase += 2 * Math.PI * (250 + 1500.0 * i / out.length) / 8000;
            out[i] = (short) (9000 * Math.sin(phase));
        }
        return out;
    }

    @Test
    void aDroppedConnectionReconnectsSendsTheGapsAudioAndSeedsTheConversation() throws Exception {
        try (AiFixture ai = AiFixture.start(FakeRealtimeConfig.builder().userTranscripts("Hello there"), Map.of())) {
            short[] first = TestAudio.sine(8000, 440, 700, 8000);
            short[] talk = glide(4000);
            short[] prompt = new short[first.length + 8000 * 2 + talk.length];
            System.arraycopy(first, 0, prompt, 0, first.length);
            System.arraycopy(talk, 0, prompt, first.length + 16000, talk.length);
            try (TestCall call = TestCall.place(ai.gw, "ai-drop", Map.of(), prompt)) {
                ai.startAi(call);
                String uuid = call.uuid();
                ai.awaitBody("mod_audio_stream::ai_response", uuid, WAIT);
                FakeRealtimeSession one = ai.fake.sessions().getFirst();
                await().atMost(WAIT).until(() -> one.receivedAudioMs() > 700 + 2000 + 1000);
                ai.fake.dropAll();
                JsonNode reconnecting = ai.awaitState(uuid, "reconnecting", WAIT);
                assertThat(reconnecting.path("state").asString()).isEqualTo("RECONNECTING");
                assertThat(reconnecting.path("code").asString()).isEqualTo("1006");
                JsonNode back = ai.awaitState(uuid, "reconnected", WAIT);
                assertThat(back.path("catchup_ms").asInt()).as("caller audio kept during the gap").isPositive();
                FakeRealtimeSession two = ai.fake.awaitSession(1, WAIT);
                await().atMost(WAIT).until(() -> two.receivedAudioMs() > 1000);

                short[] before = AiFixture.decode(one.receivedAudio(), G711Law.PCMU);
                short[] after = AiFixture.decode(two.receivedAudio(), G711Law.PCMU);
                talk = AiFixture.asG711(talk, G711Law.PCMU);
                int talkStart = AiFixture.locate(before, talk);
                int lostAt = before.length - talkStart;   // index in talk of the first sample session one did not get
                int margin = 8 * 200;   // what was in flight on the dead socket is lost, not more
                short[] gap = java.util.Arrays.copyOfRange(talk, lostAt + margin, talk.length);
                int at = AiFixture.locate(after, gap);
                assertThat(at).as("the new session starts with the caller's audio from the gap").isBetween(0, margin);
                assertThat(two.itemsCreated()).extracting(i -> i.path("role").asString() + ": "
                                + i.path("content").get(0).path("text").asString())
                        .as("the new session knows the conversation so far").startsWith("user: Hello there");
                assertThat(ai.gw.health(uuid).path("ai").path("reconnect_attempts").asInt()).isEqualTo(1);
                assertThat(call.inCall()).isTrue();
            }
        }
    }

    @Test
    void theBreakerOpensRefusesProbesAndCloses() throws Exception {
        try (AiFixture ai = AiFixture.start(FakeRealtimeConfig.builder(), Map.of(
                "AUDIO_STREAM_AI_BREAKER_FAILURES", "2", "AUDIO_STREAM_AI_BREAKER_COOLDOWN_MS", "4000",
                "AUDIO_STREAM_AI_RECONNECT_MAX", "10"))) {
            try (TestCall call = TestCall.place(ai.gw, "ai-breaker")) {
                ai.startAi(call);
                String uuid = call.uuid();
                ai.fake.refuseNext(3, 0);   // three HTTP 503 upgrades: two open the breaker, then a probe fails
                ai.fake.dropAll();
                ai.awaitState(uuid, "breaker_open", WAIT);
                JsonNode back = ai.awaitState(uuid, "reconnected", Duration.ofSeconds(45));
                assertThat(back.path("state").asString()).isEqualTo("LISTENING");
                List<String> events = ai.states(uuid).stream().map(s -> s.path("event").asString()).toList();
                assertThat(events).containsSubsequence("reconnecting", "connection_error", "reconnecting",
                        "connection_error", "reconnecting", "breaker_open", "reconnected");
                assertThat(ai.fake.connectionAttempts()).as("the open breaker kept attempts off the endpoint")
                        .isLessThan(ai.gw.health(uuid).path("ai").path("reconnect_attempts").asInt() + 1);
                JsonNode health = ai.gw.health(uuid);
                assertThat(health.path("ai").path("openai_connected").asBoolean()).isTrue();
                assertThat(health.path("health").asString()).as("connected again; the long gap overflowed the catch-up ring")
                        .isEqualTo("DEGRADED");
            }
        }
    }

    @Test
    void afterTheLastTryTheSessionIsFailedAndTheCallStaysUp() throws Exception {
        try (AiFixture ai = AiFixture.start(FakeRealtimeConfig.builder(), Map.of("AUDIO_STREAM_AI_RECONNECT_MAX", "2"))) {
            try (TestCall call = TestCall.place(ai.gw, "ai-failed")) {
                ai.startAi(call);
                String uuid = call.uuid();
                ai.fake.refuseNext(100, 1011);
                ai.fake.closeAll(1012, "service restart");
                JsonNode failed = ai.awaitState(uuid, "failed", WAIT);
                assertThat(failed.path("state").asString()).isEqualTo("FAILED");
                assertThat(failed.path("message").asString()).isNotEmpty();
                JsonNode health = ai.gw.health(uuid);
                assertThat(health.path("health").asString()).isEqualTo("UNHEALTHY");
                assertThat(health.path("ai").path("openai_connected").asBoolean()).isFalse();
                assertThat(health.path("ai").path("reconnect_attempts").asInt()).isEqualTo(2);
                assertThat(call.inCall()).as("the call stays up after FAILED").isTrue();
                assertThat(ai.gw.api("uuid_audio_stream " + uuid + " stop")).isEqualTo(GatewayHarness.OK);
                assertThat(ai.gw.api("uuid_audio_stream " + uuid + " start_ai")).as("a new start is possible")
                        .isEqualTo(GatewayHarness.OK);
            }
        }
    }

    @Test
    void authAndRequestShapeErrorsAreNotRetried() throws Exception {
        try (AiFixture ai = AiFixture.start(FakeRealtimeConfig.builder(), Map.of())) {
            try (TestCall call = TestCall.place(ai.gw, "ai-auth")) {
                assertThat(ai.gw.api("uuid_audio_stream " + call.uuid()
                        + " start_ai {\"AUDIO_STREAM_AI_OPENAI_API_KEY\":\"sk-wrong-0123456789\"}")).isEqualTo(GatewayHarness.OK);
                JsonNode failed = ai.awaitState(call.uuid(), "failed", WAIT);
                assertThat(failed.path("code").asString()).isEqualTo("invalid_api_key");
                assertThat(ai.fake.connectionAttempts()).isEqualTo(1);
                assertThat(ai.fake.sessions().getFirst().closeCodeSent()).isEqualTo(3000);
                assertThat(call.inCall()).isTrue();
            }
            try (TestCall call = TestCall.place(ai.gw, "ai-shape")) {
                assertThat(ai.gw.api("uuid_audio_stream " + call.uuid() + " start_ai {\"AUDIO_STREAM_AI_BETA_COMPAT\":true,"
                        + "\"AUDIO_STREAM_AI_TEMPERATURE\":0.7}")).isEqualTo(GatewayHarness.OK);
                JsonNode failed = ai.awaitState(call.uuid(), "failed", WAIT);
                assertThat(failed.path("code").asString()).isEqualTo("unknown_parameter");
                assertThat(failed.path("message").asString()).contains("session.temperature");
                assertThat(ai.fake.connectionAttempts()).isEqualTo(2);
            }
        }
    }

    @Test
    void aSessionIsRecycledAtATurnBoundaryDuringALiveCall() throws Exception {
        try (AiFixture ai = AiFixture.start(FakeRealtimeConfig.builder().userTranscripts("First question"),
                Map.of("AUDIO_STREAM_AI_RECYCLE_AFTER_SEC", "5"))) {
            try (TestCall call = TestCall.place(ai.gw, "ai-recycle", Map.of(), TestAudio.sine(8000, 440, 700, 8000))) {
                ai.startAi(call);
                String uuid = call.uuid();
                ai.awaitBody("mod_audio_stream::ai_response", uuid, WAIT);
                JsonNode recycled = ai.awaitState(uuid, "recycled", Duration.ofSeconds(20));
                FakeRealtimeSession one = ai.fake.sessions().getFirst();
                FakeRealtimeSession two = ai.fake.sessions().get(1);
                assertThat(recycled.path("old_session_id").asString()).isNotEmpty();
                assertThat(recycled.path("session_id").asString()).isNotEqualTo(recycled.path("old_session_id").asString());
                await().atMost(WAIT).until(one::closed);
                assertThat(one.closeCodeReceived()).isEqualTo(1000);
                long atSwitch = two.receivedAudioMs();
                await().atMost(WAIT).until(() -> two.receivedAudioMs() > atSwitch + 500);
                assertThat(two.itemsCreated()).extracting(i -> i.path("role").asString())
                        .as("the new session is seeded with the conversation").startsWith("user", "assistant");
                assertThat(call.inCall()).isTrue();
            }
        }
    }

    @Test
    void theWatchdogFiresWhenTheEngineGoesQuietAndRecovers() throws Exception {
        try (AiFixture ai = AiFixture.start(FakeRealtimeConfig.builder(), Map.of("AUDIO_STREAM_AI_WATCHDOG_MS", "1000"))) {
            try (TestCall call = TestCall.place(ai.gw, "ai-watchdog")) {
                ai.startAi(call);
                String uuid = call.uuid();
                ai.fake.setStalled(true);
                assertThat(ai.gw.api("uuid_audio_stream " + uuid + " send_text Are you there?")).isEqualTo(GatewayHarness.OK);
                JsonNode alarm = ai.awaitState(uuid, "watchdog", WAIT);
                assertThat(alarm.path("reason").asString()).isEqualTo("no response from the engine");
                assertThat(ai.gw.health(uuid).path("health").asString()).isEqualTo("UNHEALTHY");
                assertThat(ai.gw.health(uuid).path("ai").path("watchdog_stalled").asBoolean()).isTrue();
                ai.fake.setStalled(false);
                ai.fake.sessions().getFirst().sendRaw("{\"type\":\"rate_limits.updated\",\"event_id\":\"event_x\","
                        + "\"rate_limits\":[{\"name\":\"tokens\",\"limit\":15000000,\"remaining\":14999000,\"reset_seconds\":0.1}]}");
                ai.awaitState(uuid, "watchdog_recovered", WAIT);
                assertThat(ai.gw.health(uuid).path("health").asString()).isEqualTo("HEALTHY");
            }
        }
    }
}
