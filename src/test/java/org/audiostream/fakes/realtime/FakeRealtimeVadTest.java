package org.audiostream.fakes.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Server VAD on the energy of the appended audio, on the input timeline, for each input format. */
class FakeRealtimeVadTest {

    private FakeRealtimeServer server;
    private RealtimeTestClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    private FakeRealtimeSession open(FakeRealtimeConfig config, String format, String turnDetection) {
        server = FakeRealtimeServer.start(config);
        client = RealtimeTestClient.connect(server, "sk-any");
        client.next("session.created");
        client.send("""
                {"type":"session.update","session":{"type":"realtime","output_modalities":["text"],
                 "audio":{"input":{"format":{"type":"%s"},"transcription":{"model":"gpt-transcribe"},
                 "turn_detection":%s}}}}""".formatted(format, turnDetection));
        client.next("session.updated");
        return server.awaitSession(0, RealtimeTestClient.WAIT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"audio/pcmu", "audio/pcma", "audio/pcm"})
    void toneThenSilenceIsOneTurnWithTimesOnTheInputTimeline(String format) {
        FakeRealtimeSession session = open(FakeRealtimeConfig.builder().userTranscripts("What time is it?")
                .responses(ScriptedResponse.text("It is noon.")).build(), format,
                "{\"type\":\"server_vad\",\"prefix_padding_ms\":300,\"silence_duration_ms\":400}");
        // 1000 ms silence, 800 ms tone at -16 dBFS, 1000 ms silence, in 20 ms appends as a gateway sends them
        byte[] call = TestAudio.concat(TestAudio.silence(format, 1000), TestAudio.tone(format, 800, 440, 5000),
                TestAudio.silence(format, 1000));
        int bytesPerMs = format.equals("audio/pcm") ? 48 : 8;
        client.append(call, 20 * bytesPerMs);

        JsonNode started = client.next("input_audio_buffer.speech_started");
        assertThat(started.path("audio_start_ms").asLong()).isEqualTo(1000 - 300);
        String itemId = started.path("item_id").asString();
        JsonNode stopped = client.next("input_audio_buffer.speech_stopped");
        assertThat(stopped.path("audio_end_ms").asLong()).isEqualTo(1800 + 400);
        assertThat(stopped.path("item_id").asString()).isEqualTo(itemId);
        List<JsonNode> turn = client.until("response.done");
        assertThat(turn.stream().map(e -> e.path("type").asString()).toList()).startsWith(
                "input_audio_buffer.committed", "conversation.item.added", "conversation.item.done",
                "conversation.item.input_audio_transcription.delta");
        JsonNode committed = turn.getFirst();
        assertThat(committed.path("item_id").asString()).isEqualTo(itemId);
        JsonNode userItem = turn.get(1).path("item");
        assertThat(userItem.path("role").asString()).isEqualTo("user");
        assertThat(userItem.path("content").path(0).path("type").asString()).isEqualTo("input_audio");
        JsonNode completed = turn.stream().filter(e -> e.path("type").asString()
                .equals("conversation.item.input_audio_transcription.completed")).findFirst().orElseThrow();
        assertThat(completed.path("transcript").asString()).isEqualTo("What time is it?");
        assertThat(turn.getLast().path("response").path("output").path(0).path("content").path(0).path("text").asString())
                .isEqualTo("It is noon.");
        client.next("rate_limits.updated");
        assertThat(session.receivedAudio()).isEqualTo(call);
        assertThat(session.receivedAudioMs()).isEqualTo(2800);
    }

    @Test
    void quietNoiseAndShortClicksAreNotSpeech() {
        open(FakeRealtimeConfig.builder().build(), "audio/pcmu", "{\"type\":\"server_vad\"}");
        byte[] audio = TestAudio.concat(TestAudio.tone("audio/pcmu", 2000, 300, 200), // about -44 dBFS: below 0.5
                TestAudio.silence("audio/pcmu", 200), TestAudio.tone("audio/pcmu", 10, 1000, 20000),
                TestAudio.silence("audio/pcmu", 500));
        client.append(audio, 160);
        client.assertSilentFor(Duration.ofMillis(300));
    }

    @Test
    void aHigherThresholdNeedsLouderSpeech() {
        open(FakeRealtimeConfig.builder().build(), "audio/pcmu",
                "{\"type\":\"server_vad\",\"threshold\":0.9,\"silence_duration_ms\":200}");
        client.append(TestAudio.concat(TestAudio.tone("audio/pcmu", 500, 440, 3000), // -21 dBFS: below -16
                TestAudio.silence("audio/pcmu", 300)), 160);
        client.assertSilentFor(Duration.ofMillis(300));
        client.append(TestAudio.concat(TestAudio.tone("audio/pcmu", 500, 440, 20000), // -4 dBFS
                TestAudio.silence("audio/pcmu", 300)), 160);
        assertThat(client.next("input_audio_buffer.speech_started").path("audio_start_ms").asLong())
                .isEqualTo(800 - 300); // onset at 800 ms, back-dated by the default prefix padding
    }

    @Test
    void withoutTurnDetectionTheClientCommitsAndNothingRespondsByItself() {
        FakeRealtimeSession session = open(FakeRealtimeConfig.builder().build(), "audio/pcmu", "null");
        client.send("{\"type\":\"input_audio_buffer.commit\"}");
        JsonNode empty = client.next("error").path("error");
        assertThat(empty.path("code").asString()).isEqualTo("input_audio_buffer_commit_empty");
        client.append(TestAudio.tone("audio/pcmu", 500, 440, 5000), 160);
        client.send("{\"type\":\"input_audio_buffer.commit\"}");
        client.next("input_audio_buffer.committed");
        client.next("conversation.item.input_audio_transcription.completed");
        client.assertSilentFor(Duration.ofMillis(300));
        assertThat(session.responses()).isEmpty();
        client.append(TestAudio.tone("audio/pcmu", 200, 440, 5000), 160);
        client.send("{\"type\":\"input_audio_buffer.clear\"}");
        client.next("input_audio_buffer.cleared");
    }

    @Test
    void createResponseFalseStillReportsTheTurn() {
        FakeRealtimeSession session = open(FakeRealtimeConfig.builder().build(), "audio/pcmu",
                "{\"type\":\"server_vad\",\"create_response\":false}");
        client.append(TestAudio.concat(TestAudio.tone("audio/pcmu", 300, 440, 5000),
                TestAudio.silence("audio/pcmu", 400)), 160);
        client.next("conversation.item.input_audio_transcription.completed");
        client.assertSilentFor(Duration.ofMillis(300));
        assertThat(session.responses()).isEmpty();
    }

    @Test
    void semanticVadHighEagernessEndsTheTurnAfter250ms() {
        open(FakeRealtimeConfig.builder().build(), "audio/pcmu", "{\"type\":\"semantic_vad\",\"eagerness\":\"high\"}");
        client.append(TestAudio.concat(TestAudio.tone("audio/pcmu", 400, 440, 5000),
                TestAudio.silence("audio/pcmu", 400)), 160);
        assertThat(client.next("input_audio_buffer.speech_started").path("audio_start_ms").asLong()).isZero();
        assertThat(client.next("input_audio_buffer.speech_stopped").path("audio_end_ms").asLong()).isEqualTo(400 + 250);
    }

    @Test
    void interruptResponseFalseLetsTheResponseFinish() {
        FakeRealtimeSession session = open(FakeRealtimeConfig.builder().speed(2.0)
                .responses(ScriptedResponse.audio(new short[24 * 1500], "Quiet.")).build(), "audio/pcmu",
                "{\"type\":\"server_vad\",\"interrupt_response\":false,\"create_response\":false}");
        client.send("{\"type\":\"response.create\",\"response\":{\"output_modalities\":[\"audio\"]}}");
        client.next("response.output_audio.delta");
        client.append(TestAudio.tone("audio/pcmu", 100, 440, 6000), 160);
        client.next("input_audio_buffer.speech_started");
        assertThat(client.next("response.done").path("response").path("status").asString()).isEqualTo("completed");
        assertThat(session.responses().getFirst().reason()).isNull();
    }
}
