package org.audiostream.stream.ai;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Subclasses and JSON bodies of the AI events (mod_audio_stream's names; the fork's bodies with its design
 * gaps closed: {@code ai_state} says which state and why, {@code ai_response} carries the text).
 * Threads: stateless.
 */
public final class AiEventBodies {

    public static final String STATE = "mod_audio_stream::ai_state";
    public static final String TRANSCRIPT = "mod_audio_stream::ai_transcript";
    public static final String RESPONSE = "mod_audio_stream::ai_response";
    public static final String ACTION = "mod_audio_stream::ai_action";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AiEventBodies() {}

    /** {@code {"state":…,"previous":…,"event":…}} plus {@code details} as alternating names and values. */
    static String state(AiState state, AiState previous, String event, Object... details) {
        ObjectNode n = JSON.createObjectNode()
                .put("state", state.name())
                .put("previous", previous.name())
                .put("event", event);
        for (int i = 0; i + 1 < details.length; i += 2) {
            String name = (String) details[i];
            switch (details[i + 1]) {
                case null -> n.putNull(name);
                case Integer v -> n.put(name, v);
                case Long v -> n.put(name, v);
                case Double v -> n.put(name, v);
                case Boolean v -> n.put(name, v);
                default -> n.put(name, details[i + 1].toString());
            }
        }
        return n.toString();
    }

    static String transcript(String role, String text, boolean isFinal, String itemId) {
        return JSON.createObjectNode()
                .put("role", role)
                .put("text", text)
                .put("final", isFinal)
                .put("item_id", itemId)
                .toString();
    }

    /** The finished response: id, status (and why), the text, and the token usage the server reported. */
    static String response(String responseId, String status, String reason, String text, JsonNode usage) {
        ObjectNode n = JSON.createObjectNode()
                .put("response_id", responseId)
                .put("status", status);
        if (reason != null) {
            n.put("reason", reason);
        }
        n.put("text", text);
        ObjectNode u = n.putObject("usage");
        u.put("total_tokens", usage.path("total_tokens").asLong(0));
        u.put("input_tokens", usage.path("input_tokens").asLong(0));
        u.put("output_tokens", usage.path("output_tokens").asLong(0));
        return n.toString();
    }

    static String action(String callId, String name, String arguments) {
        return JSON.createObjectNode()
                .put("call_id", callId)
                .put("name", name)
                .put("arguments", arguments)
                .toString();
    }
}
