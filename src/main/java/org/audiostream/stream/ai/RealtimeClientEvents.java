package org.audiostream.stream.ai;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client events the engine sends, in the GA shape of OpenAI Realtime (field names as in the official
 * models; checked against {@code com.openai:openai-java} in the tests). Threads: stateless.
 */
final class RealtimeClientEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RealtimeClientEvents() {}

    /**
     * {@code session.update} with the whole configuration: a GA server drops an update that carries any field it
     * does not know, so {@code temperature} goes in only for beta-compatible servers.
     */
    static String sessionUpdate(AiOptions o) {
        ObjectNode session = JSON.createObjectNode();
        session.put("type", "realtime");
        session.put("model", o.model());
        session.put("instructions", o.instructions());
        session.putArray("output_modalities").add(o.audioOutput() ? "audio" : "text");
        session.put("max_output_tokens", o.maxOutputTokens());
        ObjectNode audio = session.putObject("audio");
        ObjectNode input = audio.putObject("input");
        format(input.putObject("format"), o.format());
        if (o.noiseReduction().equals("off")) {
            input.putNull("noise_reduction");
        } else {
            input.putObject("noise_reduction").put("type", o.noiseReduction());
        }
        if (o.transcriptionModel() == null) {
            input.putNull("transcription");
        } else {
            ObjectNode t = input.putObject("transcription").put("model", o.transcriptionModel());
            if (!o.transcriptionLanguage().isEmpty()) {
                t.put("language", o.transcriptionLanguage());
            }
        }
        switch (o.turnDetection()) {
            case "none" -> input.putNull("turn_detection");
            case "semantic_vad" -> input.putObject("turn_detection")
                    .put("type", "semantic_vad")
                    .put("eagerness", o.vadEagerness())
                    .put("create_response", true)
                    .put("interrupt_response", o.bargeIn());
            default -> input.putObject("turn_detection")
                    .put("type", "server_vad")
                    .put("threshold", o.vadThreshold())
                    .put("prefix_padding_ms", o.vadPrefixPaddingMs())
                    .put("silence_duration_ms", o.vadSilenceDurationMs())
                    .put("create_response", true)
                    .put("interrupt_response", o.bargeIn());
        }
        ObjectNode output = audio.putObject("output");
        format(output.putObject("format"), o.format());
        output.put("voice", o.voice());
        if (!o.tools().isEmpty()) {
            session.set("tools", o.tools());
            session.put("tool_choice", "auto");
        }
        if (o.betaCompat() && o.temperatureConfigured()) {
            session.put("temperature", o.temperature());
        }
        return event("session.update").set("session", session).toString();
    }

    private static void format(ObjectNode node, RealtimeFormat f) {
        node.put("type", f.wireType());
        if (f == RealtimeFormat.PCM24) {
            node.put("rate", f.sampleRate());
        }
    }

    /** A user message typed rather than spoken ({@code send_text}), or a user turn replayed into a new session. */
    static String userText(String text) {
        ObjectNode item = JSON.createObjectNode().put("type", "message").put("role", "user");
        item.putArray("content").addObject().put("type", "input_text").put("text", text);
        return event("conversation.item.create").set("item", item).toString();
    }

    /** An agent turn replayed into a new session as text, so that the agent remembers what it said. */
    static String assistantText(String text) {
        ObjectNode item = JSON.createObjectNode().put("type", "message").put("role", "assistant");
        item.putArray("content").addObject().put("type", "output_text").put("text", text);
        return event("conversation.item.create").set("item", item).toString();
    }

    static String functionCallOutput(String callId, String output) {
        ObjectNode item = JSON.createObjectNode()
                .put("type", "function_call_output")
                .put("call_id", callId)
                .put("output", output);
        return event("conversation.item.create").set("item", item).toString();
    }

    static String responseCreate() {
        return event("response.create").toString();
    }

    static String responseCancel(String responseId) {
        return event("response.cancel").put("response_id", responseId).toString();
    }

    static String truncate(String itemId, long audioEndMs) {
        return event("conversation.item.truncate")
                .put("item_id", itemId)
                .put("content_index", 0)
                .put("audio_end_ms", audioEndMs)
                .toString();
    }

    private static ObjectNode event(String type) {
        return JSON.createObjectNode().put("type", type);
    }
}
