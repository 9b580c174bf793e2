package org.audiostream.fakes.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** session.update is checked whole like the live service: one bad field drops the update; errors are not fatal. */
class FakeRealtimeSessionUpdateTest {

    private FakeRealtimeServer server;
    private RealtimeTestClient client;
    private FakeRealtimeSession session;

    @BeforeEach
    void connect() {
        server = FakeRealtimeServer.start(FakeRealtimeConfig.builder().build());
        client = RealtimeTestClient.connect(server, "sk-any");
        client.next("session.created");
        session = server.awaitSession(0, RealtimeTestClient.WAIT);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private JsonNode error() {
        return client.next("error").path("error");
    }

    @Test
    void temperatureIsUnknownParameterAndTheWholeUpdateIsDropped() {
        client.sendUnchecked("""
                {"type":"session.update","session":{"type":"realtime","instructions":"Be terse.","temperature":0.8,
                 "audio":{"input":{"format":{"type":"audio/pcmu"}}}}}""");
        JsonNode error = error();
        assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.path("code").asString()).isEqualTo("unknown_parameter");
        assertThat(error.path("message").asString()).isEqualTo("Unknown parameter: 'session.temperature'.");
        assertThat(error.path("param").asString()).isEqualTo("session.temperature");
        assertThat(error.path("event_id").isNull()).isTrue();
        assertThat(session.inputFormat()).isEqualTo("audio/pcm");
        assertThat(session.effectiveSession().path("instructions").asString()).doesNotContain("terse");
        client.send("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\",\"instructions\":\"Be terse.\"}}");
        assertThat(client.next("session.updated").path("session").path("instructions").asString()).isEqualTo("Be terse.");
    }

    @Test
    void betaFieldsAreUnknownToo() {
        client.sendUnchecked("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\",\"input_audio_format\":\"g711_ulaw\"}}");
        assertThat(error().path("param").asString()).isEqualTo("session.input_audio_format");
        client.sendUnchecked("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\",\"modalities\":[\"text\",\"audio\"]}}");
        assertThat(error().path("message").asString()).isEqualTo("Unknown parameter: 'session.modalities'.");
        client.sendUnchecked("""
                {"type":"session.update","session":{"type":"realtime","audio":{"input":{"turn_detection":
                 {"type":"server_vad","silence_duration":500}}}}}""");
        assertThat(error().path("param").asString()).isEqualTo("session.audio.input.turn_detection.silence_duration");
    }

    @Test
    void aMissingSessionTypeIsMissingRequiredParameter() {
        client.sendUnchecked("{\"type\":\"session.update\",\"session\":{\"instructions\":\"x\"}}");
        JsonNode error = error();
        assertThat(error.path("code").asString()).isEqualTo("missing_required_parameter");
        assertThat(error.path("param").asString()).isEqualTo("session.type");
    }

    @Test
    void pcmBelow24kIsIntegerBelowMinValue() {
        client.sendUnchecked("""
                {"type":"session.update","session":{"type":"realtime","audio":{"input":{"format":
                 {"type":"audio/pcm","rate":16000}}}}}""");
        JsonNode error = error();
        assertThat(error.path("code").asString()).isEqualTo("integer_below_min_value");
        assertThat(error.path("param").asString()).isEqualTo("session.audio.input.format.rate");
        assertThat(error.path("message").asString()).contains("Expected a value >= 24000");
    }

    @Test
    void aBadEnumIsInvalidValueListingTheChoices() {
        client.sendUnchecked("""
                {"type":"session.update","session":{"type":"realtime","audio":{"output":{"voice":"robot"}}}}""");
        JsonNode error = error();
        assertThat(error.path("code").asString()).isEqualTo("invalid_value");
        assertThat(error.path("message").asString()).startsWith("Invalid value: 'robot'. Supported values are: 'alloy',")
                .endsWith(", and 'cedar'.");
        client.sendUnchecked("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\",\"output_modalities\":[\"text\",\"audio\"]}}");
        assertThat(error().path("code").asString()).isEqualTo("invalid_value");
        client.sendUnchecked("""
                {"type":"session.update","session":{"type":"realtime","audio":{"output":{"speed":2.0}}}}""");
        assertThat(error().path("code").asString()).isEqualTo("decimal_above_max_value");
    }

    @Test
    void aValidUpdateEchoesTheFullEffectiveConfigAndMergesAudio() {
        client.send("""
                {"type":"session.update","session":{"type":"realtime","model":"gpt-realtime-2.1","instructions":"Hi.",
                 "output_modalities":["audio"],"max_output_tokens":512,
                 "audio":{"input":{"format":{"type":"audio/pcmu"},"noise_reduction":{"type":"near_field"},
                   "transcription":{"model":"gpt-transcribe","language":"en"},
                   "turn_detection":{"type":"server_vad","threshold":0.6,"silence_duration_ms":500}},
                  "output":{"format":{"type":"audio/pcmu"},"voice":"marin","speed":1.1}},
                 "tools":[{"type":"function","name":"hangup","description":"End the call","parameters":{"type":"object"}}],
                 "tool_choice":"auto","truncation":"auto"}}""");
        JsonNode s = client.next("session.updated").path("session");
        assertThat(s.path("audio").path("input").path("format").path("type").asString()).isEqualTo("audio/pcmu");
        JsonNode td = s.path("audio").path("input").path("turn_detection");
        assertThat(td.path("threshold").asDouble()).isEqualTo(0.6);
        assertThat(td.path("prefix_padding_ms").asInt()).isEqualTo(300); // a default filled in
        assertThat(td.path("interrupt_response").asBoolean()).isTrue();
        assertThat(s.path("audio").path("input").path("transcription").path("prompt").isNull()).isTrue();
        assertThat(s.path("tools").path(0).path("name").asString()).isEqualTo("hangup");
        client.send("""
                {"type":"session.update","session":{"type":"realtime","audio":{"output":{"voice":"cedar"}}}}""");
        JsonNode merged = client.next("session.updated").path("session").path("audio");
        assertThat(merged.path("output").path("format").path("type").asString()).isEqualTo("audio/pcmu");
        assertThat(merged.path("output").path("voice").asString()).isEqualTo("cedar");
        assertThat(merged.path("input").path("turn_detection").path("threshold").asDouble()).isEqualTo(0.6);
        client.send("""
                {"type":"session.update","session":{"type":"realtime","audio":{"input":{"turn_detection":null}}}}""");
        assertThat(client.next("session.updated").path("session").path("audio").path("input").path("turn_detection")
                .isNull()).isTrue();
        assertThat(session.outputFormat()).isEqualTo("audio/pcmu");
    }

    @Test
    void unknownTypesNonJsonAndBinaryAreErrorsButTheSessionLivesOn() {
        client.sendUnchecked("{\"type\":\"nope\"}");
        JsonNode error = error();
        assertThat(error.path("code").asString()).isEqualTo("invalid_value");
        assertThat(error.path("param").asString()).isEqualTo("type");
        assertThat(error.path("message").asString()).isEqualTo("Invalid value: 'nope'. Supported values are: "
                + "'session.update', 'session.close', 'input_audio_buffer.append', 'session.input_audio_buffer.append', "
                + "'input_audio_buffer.commit', 'input_audio_buffer.clear', 'conversation.item.create', "
                + "'conversation.item.truncate', 'conversation.item.delete', 'conversation.item.retrieve', "
                + "'response.create', and 'response.cancel'.");
        client.sendUnchecked("not json");
        assertThat(error().path("code").asString()).isEqualTo("invalid_json");
        client.sendBinary(new byte[64]);
        JsonNode binary = error();
        assertThat(binary.path("code").asString()).isEqualTo("invalid_event");
        assertThat(binary.path("message").asString())
                .isEqualTo("Expected a text WebSocket message; binary frames are not supported.");
        client.sendUnchecked("{\"type\":\"response.cancel\",\"foo\":1}");
        assertThat(error().path("message").asString()).isEqualTo("Unknown parameter: 'foo'.");
        client.send("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\"}}");
        client.next("session.updated");
        assertThat(session.closed()).isFalse();
        assertThat(session.clientEvents()).hasSize(4); // text frames only
    }
}
