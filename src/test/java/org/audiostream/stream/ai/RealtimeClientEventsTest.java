package org.audiostream.stream.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.audiostream.config.ConfigLoader;
import org.audiostream.config.Schema;
import org.audiostream.media.G711Law;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RealtimeClientEventsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static AiOptions options(Map<String, String> variables, Optional<G711Law> law) {
        Map<String, String> env = new HashMap<>(variables);
        env.putIfAbsent("AUDIO_STREAM_AI_OPENAI_API_KEY", "sk-test-0123456789");
        return AiOptions.from(ConfigLoader.load(Schema.ALL, null, env, Map.of(), "test").orThrow(), law);
    }

    private static JsonNode update(Map<String, String> variables) {
        return JSON.readTree(RealtimeClientEvents.sessionUpdate(options(variables, Optional.of(G711Law.PCMU))));
    }

    @Test
    void sessionUpdateHasTheGaShapeWithTheCallsG711LawBothWays() {
        JsonNode s = update(Map.of()).path("session");
        assertThat(s.path("type").asString()).isEqualTo("realtime");
        assertThat(s.path("model").asString()).isEqualTo("gpt-realtime-2.1");
        assertThat(s.path("output_modalities").toString()).isEqualTo("[\"audio\"]");
        assertThat(s.path("audio").path("input").path("format").toString()).isEqualTo("{\"type\":\"audio/pcmu\"}");
        assertThat(s.path("audio").path("output").path("format").toString()).isEqualTo("{\"type\":\"audio/pcmu\"}");
        assertThat(s.path("audio").path("output").path("voice").asString()).isEqualTo("marin");
        JsonNode vad = s.path("audio").path("input").path("turn_detection");
        assertThat(vad.path("type").asString()).isEqualTo("server_vad");
        assertThat(vad.path("threshold").asDouble()).isEqualTo(0.5);
        assertThat(vad.path("prefix_padding_ms").asInt()).isEqualTo(300);
        assertThat(vad.path("silence_duration_ms").asInt()).isEqualTo(500);
        assertThat(vad.path("interrupt_response").asBoolean()).isTrue();
        assertThat(s.path("audio").path("input").path("transcription").path("model").asString()).isEqualTo("gpt-transcribe");
        assertThat(s.path("audio").path("input").path("noise_reduction").path("type").asString()).isEqualTo("near_field");
        assertThat(s.path("max_output_tokens").asInt()).isEqualTo(4096);
        assertThat(s.has("temperature")).isFalse();
        assertThat(s.has("tools")).isFalse();
    }

    @Test
    void temperatureGoesOutOnlyWithBetaCompatibility() {
        assertThat(update(Map.of("AUDIO_STREAM_AI_TEMPERATURE", "0.7")).path("session").has("temperature")).isFalse();
        assertThat(update(Map.of("AUDIO_STREAM_AI_TEMPERATURE", "0.7", "AUDIO_STREAM_AI_BETA_COMPAT", "true"))
                .path("session").path("temperature").asDouble()).isEqualTo(0.7);
    }

    @Test
    void semanticVadNoTurnDetectionPcm24AndTools() {
        JsonNode s = update(Map.of("AUDIO_STREAM_AI_TURN_DETECTION", "semantic_vad", "AUDIO_STREAM_AI_VAD_EAGERNESS", "high",
                "AUDIO_STREAM_AI_AUDIO_FORMAT", "pcm24", "AUDIO_STREAM_AI_TRANSCRIPTION_MODEL", "none",
                "AUDIO_STREAM_AI_NOISE_REDUCTION", "off",
                "AUDIO_STREAM_AI_TOOLS", "[{\"type\":\"function\",\"name\":\"transfer\",\"parameters\":{\"type\":\"object\"}}]"))
                .path("session");
        assertThat(s.path("audio").path("input").path("turn_detection").toString())
                .isEqualTo("{\"type\":\"semantic_vad\",\"eagerness\":\"high\",\"create_response\":true,\"interrupt_response\":true}");
        assertThat(s.path("audio").path("input").path("format").toString()).isEqualTo("{\"type\":\"audio/pcm\",\"rate\":24000}");
        assertThat(s.path("audio").path("input").path("transcription").isNull()).isTrue();
        assertThat(s.path("audio").path("input").path("noise_reduction").isNull()).isTrue();
        assertThat(s.path("tools").get(0).path("name").asString()).isEqualTo("transfer");
        assertThat(s.path("tool_choice").asString()).isEqualTo("auto");
        assertThat(update(Map.of("AUDIO_STREAM_AI_TURN_DETECTION", "none")).path("session").path("audio").path("input")
                .path("turn_detection").isNull()).isTrue();
    }

    @Test
    void badToolsAndAMissingKeyAreRefusedNamingTheVariable() {
        assertThatThrownBy(() -> options(Map.of("AUDIO_STREAM_AI_TOOLS", "{\"type\":\"function\"}"), Optional.empty()))
                .hasMessageContaining("AUDIO_STREAM_AI_TOOLS must be a JSON array");
        assertThatThrownBy(() -> options(Map.of("AUDIO_STREAM_AI_TOOLS", "[{\"name\":\"x\"}]"), Optional.empty()))
                .hasMessageContaining("\"type\":\"function\"");
        Map<String, String> noKey = new HashMap<>();
        assertThatThrownBy(() -> AiOptions.from(ConfigLoader.load(Schema.ALL, null, noKey, Map.of(), "test").orThrow(),
                Optional.empty())).hasMessage(
                        "AI mode requires AUDIO_STREAM_AI_OPENAI_API_KEY (or AI_OPENAI_API_KEY), which is not set");
    }

    @Test
    void truncateAndItemEvents() {
        assertThat(RealtimeClientEvents.truncate("item_1", 1234))
                .isEqualTo("{\"type\":\"conversation.item.truncate\",\"item_id\":\"item_1\",\"content_index\":0,\"audio_end_ms\":1234}");
        assertThat(RealtimeClientEvents.userText("hi")).isEqualTo("{\"type\":\"conversation.item.create\",\"item\":"
                + "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}}");
        assertThat(RealtimeClientEvents.assistantText("ok")).contains("\"role\":\"assistant\"", "\"type\":\"output_text\"");
        assertThat(RealtimeClientEvents.functionCallOutput("c1", "{\"a\":1}")).isEqualTo("{\"type\":\"conversation.item.create\","
                + "\"item\":{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":\"{\\\"a\\\":1}\"}}");
    }
}
