package org.audiostream.fakes.realtime;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the GA server events with the exact field names of the live service: {@code type} and a fresh
 * {@code event_id} first, then the payload. Deltas carry the extra {@code obfuscation} string the live service
 * adds, so clients that reject unknown fields fail here as they would in production.
 *
 * <p>Threads: thread-safe; every call builds a new node.
 */
final class ServerEvents {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String OBFUSCATION_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final Ids ids;

    ServerEvents(Ids ids) {
        this.ids = ids;
    }

    Ids ids() {
        return ids;
    }

    ObjectNode event(String type) {
        ObjectNode node = NODES.objectNode();
        node.put("type", type);
        node.put("event_id", ids.event());
        return node;
    }

    // ---- session and errors

    ObjectNode sessionCreated(JsonNode session) {
        return withNode(event("session.created"), "session", session);
    }

    ObjectNode sessionUpdated(JsonNode session) {
        return withNode(event("session.updated"), "session", session);
    }

    /**
     * The error envelope: {@code error.type}, {@code code} (JSON null when {@code code} is null), {@code message},
     * {@code param}, and {@code error.event_id} always null, as observed on the live service.
     */
    ObjectNode error(String type, String code, String message, String param) {
        ObjectNode node = event("error");
        ObjectNode error = node.putObject("error");
        error.put("type", type);
        error.put("code", code);
        error.put("message", message);
        error.put("param", param);
        error.putNull("event_id");
        return node;
    }

    ObjectNode error(ProtocolError e) {
        return error(e.type(), e.code(), e.getMessage(), e.param());
    }

    // ---- input audio buffer

    ObjectNode speechStarted(long audioStartMs, String itemId) {
        return event("input_audio_buffer.speech_started").put("audio_start_ms", audioStartMs).put("item_id", itemId);
    }

    ObjectNode speechStopped(long audioEndMs, String itemId) {
        return event("input_audio_buffer.speech_stopped").put("audio_end_ms", audioEndMs).put("item_id", itemId);
    }

    ObjectNode committed(String previousItemId, String itemId) {
        return event("input_audio_buffer.committed").put("previous_item_id", previousItemId).put("item_id", itemId);
    }

    ObjectNode cleared() {
        return event("input_audio_buffer.cleared");
    }

    ObjectNode timeoutTriggered(long audioStartMs, long audioEndMs, String itemId) {
        return event("input_audio_buffer.timeout_triggered").put("audio_start_ms", audioStartMs)
                .put("audio_end_ms", audioEndMs).put("item_id", itemId);
    }

    // ---- conversation

    ObjectNode itemAdded(String previousItemId, JsonNode item) {
        return withNode(event("conversation.item.added").put("previous_item_id", previousItemId), "item", item);
    }

    ObjectNode itemDone(String previousItemId, JsonNode item) {
        return withNode(event("conversation.item.done").put("previous_item_id", previousItemId), "item", item);
    }

    ObjectNode itemTruncated(String itemId, int contentIndex, long audioEndMs) {
        return event("conversation.item.truncated").put("item_id", itemId).put("content_index", contentIndex)
                .put("audio_end_ms", audioEndMs);
    }

    ObjectNode itemDeleted(String itemId) {
        return event("conversation.item.deleted").put("item_id", itemId);
    }

    ObjectNode itemRetrieved(JsonNode item) {
        return withNode(event("conversation.item.retrieved"), "item", item);
    }

    ObjectNode transcriptionDelta(String itemId, String delta) {
        return obfuscated(event("conversation.item.input_audio_transcription.delta").put("item_id", itemId)
                .put("content_index", 0).put("delta", delta));
    }

    /** Completed transcription with token usage as the service reports it ({@code usage.type} "tokens"). */
    ObjectNode transcriptionCompleted(String itemId, String transcript, int audioTokens, int textTokens) {
        ObjectNode node = event("conversation.item.input_audio_transcription.completed").put("item_id", itemId)
                .put("content_index", 0).put("transcript", transcript);
        ObjectNode usage = node.putObject("usage");
        usage.put("type", "tokens");
        usage.put("total_tokens", audioTokens + textTokens);
        usage.put("input_tokens", audioTokens);
        usage.putObject("input_token_details").put("text_tokens", 0).put("audio_tokens", audioTokens);
        usage.put("output_tokens", textTokens);
        return node;
    }

    // ---- responses

    ObjectNode responseCreated(JsonNode response) {
        return withNode(event("response.created"), "response", response);
    }

    ObjectNode responseDone(JsonNode response) {
        return withNode(event("response.done"), "response", response);
    }

    ObjectNode outputItemAdded(String responseId, int outputIndex, JsonNode item) {
        return withNode(event("response.output_item.added").put("response_id", responseId)
                .put("output_index", outputIndex), "item", item);
    }

    ObjectNode outputItemDone(String responseId, int outputIndex, JsonNode item) {
        return withNode(event("response.output_item.done").put("response_id", responseId)
                .put("output_index", outputIndex), "item", item);
    }

    ObjectNode contentPartAdded(ContentRef ref, JsonNode part) {
        return withNode(ref.stamp(event("response.content_part.added")), "part", part);
    }

    ObjectNode contentPartDone(ContentRef ref, JsonNode part) {
        return withNode(ref.stamp(event("response.content_part.done")), "part", part);
    }

    ObjectNode audioDelta(ContentRef ref, String base64) {
        return obfuscated(ref.stamp(event("response.output_audio.delta")).put("delta", base64));
    }

    ObjectNode audioDone(ContentRef ref) {
        return ref.stamp(event("response.output_audio.done"));
    }

    ObjectNode audioTranscriptDelta(ContentRef ref, String delta) {
        return obfuscated(ref.stamp(event("response.output_audio_transcript.delta")).put("delta", delta));
    }

    ObjectNode audioTranscriptDone(ContentRef ref, String transcript) {
        return ref.stamp(event("response.output_audio_transcript.done")).put("transcript", transcript);
    }

    ObjectNode textDelta(ContentRef ref, String delta) {
        return obfuscated(ref.stamp(event("response.output_text.delta")).put("delta", delta));
    }

    ObjectNode textDone(ContentRef ref, String text) {
        return ref.stamp(event("response.output_text.done")).put("text", text);
    }

    ObjectNode functionArgumentsDelta(String responseId, String itemId, int outputIndex, String callId, String delta) {
        return obfuscated(event("response.function_call_arguments.delta").put("response_id", responseId)
                .put("item_id", itemId).put("output_index", outputIndex).put("call_id", callId).put("delta", delta));
    }

    ObjectNode functionArgumentsDone(String responseId, String itemId, int outputIndex, String callId, String name,
            String arguments) {
        return event("response.function_call_arguments.done").put("response_id", responseId).put("item_id", itemId)
                .put("output_index", outputIndex).put("call_id", callId).put("name", name)
                .put("arguments", arguments);
    }

    ObjectNode rateLimitsUpdated(List<RateLimit> limits) {
        ObjectNode node = event("rate_limits.updated");
        ArrayNode array = node.putArray("rate_limits");
        for (RateLimit limit : limits) {
            array.addObject().put("name", limit.name()).put("limit", limit.limit()).put("remaining", limit.remaining())
                    .put("reset_seconds", limit.resetSeconds());
        }
        return node;
    }

    /** Where a content delta belongs: {@code response_id}, {@code item_id}, {@code output_index}, {@code content_index}. */
    record ContentRef(String responseId, String itemId, int outputIndex, int contentIndex) {
        ObjectNode stamp(ObjectNode event) {
            return event.put("response_id", responseId).put("item_id", itemId).put("output_index", outputIndex)
                    .put("content_index", contentIndex);
        }
    }

    private static ObjectNode withNode(ObjectNode event, String name, JsonNode value) {
        event.set(name, value.deepCopy());
        return event;
    }

    /** The live service pads deltas with a random {@code obfuscation} string (length varies with the delta). */
    private static ObjectNode obfuscated(ObjectNode delta) {
        int length = 4 + (delta.path("delta").asString("").length() % 12);
        StringBuilder s = new StringBuilder(length);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < length; i++) {
            s.append(OBFUSCATION_ALPHABET.charAt(random.nextInt(OBFUSCATION_ALPHABET.length())));
        }
        return delta.put("obfuscation", s.toString());
    }
}
