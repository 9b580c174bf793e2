package org.audiostream.fakes.realtime;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The session configuration in force, as {@code session.created} and {@code session.updated} show it, and the
 * GA update rules: a {@code session.update} is checked whole against {@link GaShapes#SESSION} first, and any
 * error drops all of it; otherwise only the fields present change. {@code audio}, {@code audio.input} and
 * {@code audio.output} merge key by key; every other field is replaced whole, so a new
 * {@code turn_detection} starts from its own defaults; {@code null} turns a feature off.
 *
 * <p>Defaults are those of a live {@code session.created} (2026-09): {@code audio/pcm} 24 kHz both ways,
 * voice {@code alloy}, {@code server_vad} 0.5 / 300 ms / 200 ms with {@code create_response} and
 * {@code interrupt_response} true, no transcription, no noise reduction, {@code max_output_tokens} "inf".
 *
 * <p>Threads: confined to the session's event loop; {@link #snapshot()} hands out copies.
 */
final class EffectiveSession {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> MERGED_OBJECTS = List.of("audio", "input", "output");

    private final ObjectNode session;

    EffectiveSession(String id, String model, long expiresAtEpochSeconds) {
        session = NODES.objectNode();
        session.put("type", "realtime");
        session.put("object", "realtime.session");
        session.put("id", id);
        session.put("model", model);
        session.putArray("output_modalities").add("audio");
        session.put("instructions", "You are a helpful assistant on a phone call. Keep answers short.");
        session.putArray("tools");
        session.put("tool_choice", "auto");
        session.put("max_output_tokens", "inf");
        session.putNull("tracing");
        session.put("truncation", "auto");
        session.putNull("prompt");
        session.put("expires_at", expiresAtEpochSeconds);
        ObjectNode audio = session.putObject("audio");
        ObjectNode input = audio.putObject("input");
        input.set("format", AudioFormat.PCM24.toJson());
        input.putNull("transcription");
        input.putNull("noise_reduction");
        input.set("turn_detection", withDefaults(NODES.objectNode().put("type", "server_vad")));
        ObjectNode output = audio.putObject("output");
        output.set("format", AudioFormat.PCM24.toJson());
        output.put("voice", "alloy");
        output.put("speed", 1.0);
        session.putNull("include");
    }

    /**
     * Applies a {@code session.update}'s {@code session} object, or changes nothing.
     *
     * @param audioWasSent whether the model has spoken in this session (the voice is then fixed)
     * @throws ProtocolError naming the first field that does not fit; the configuration is unchanged
     */
    void update(JsonNode update, boolean audioWasSent) {
        GaShapes.SESSION.check(update, "session");
        checkModalities(update.get("output_modalities"), "session.output_modalities");
        JsonNode voice = update.path("audio").path("output").get("voice");
        if (voice != null && audioWasSent && !voice.equals(session.path("audio").path("output").path("voice"))) {
            throw new ProtocolError("cannot_update_voice",
                    "Cannot update a conversation's voice if assistant audio is present.", "session.audio.output.voice");
        }
        merge(session, (ObjectNode) update);
    }

    /** GA produces audio (always with a transcript) or text, never both and never nothing. */
    static void checkModalities(JsonNode modalities, String path) {
        if (modalities != null && modalities.size() != 1) {
            throw new ProtocolError("invalid_value", "Invalid '" + path + "': expected ['audio'] or ['text'], but got "
                    + modalities + " instead.", path);
        }
    }

    ObjectNode snapshot() {
        return session.deepCopy();
    }

    AudioFormat inputFormat() {
        return AudioFormat.of(session.path("audio").path("input").get("format"));
    }

    AudioFormat outputFormat() {
        return AudioFormat.of(session.path("audio").path("output").get("format"));
    }

    JsonNode voice() {
        return session.path("audio").path("output").path("voice");
    }

    String outputModality() {
        return session.path("output_modalities").path(0).asString("audio");
    }

    JsonNode maxOutputTokens() {
        return session.get("max_output_tokens");
    }

    boolean transcriptionEnabled() {
        return session.path("audio").path("input").path("transcription").isObject();
    }

    /** The turn detection in force, or null when it is off ({@code turn_detection: null}). */
    VadSettings turnDetection() {
        JsonNode td = session.path("audio").path("input").path("turn_detection");
        return td.isObject() ? VadSettings.of(td) : null;
    }

    private static void merge(ObjectNode target, ObjectNode update) {
        for (Map.Entry<String, JsonNode> e : update.properties()) {
            String name = e.getKey();
            JsonNode value = e.getValue();
            if (MERGED_OBJECTS.contains(name) && value.isObject() && target.get(name) instanceof ObjectNode inner) {
                merge(inner, (ObjectNode) value);
            } else if (name.equals("turn_detection") && value.isObject()) {
                target.set(name, withDefaults((ObjectNode) value.deepCopy()));
            } else if (name.equals("format") && value.isObject()) {
                target.set(name, AudioFormat.forType(value.path("type").asString()).toJson());
            } else if (name.equals("transcription") && value.isObject()) {
                ObjectNode t = (ObjectNode) value.deepCopy();
                putIfAbsentNull(t, "language");
                putIfAbsentNull(t, "prompt");
                target.set(name, t);
            } else {
                target.set(name, value.deepCopy());
            }
        }
    }

    /** The live service's defaults for a turn detection object that names only some of its fields. */
    private static ObjectNode withDefaults(ObjectNode td) {
        ObjectNode full = NODES.objectNode();
        full.put("type", td.path("type").asString());
        if ("server_vad".equals(td.path("type").asString())) {
            full.put("threshold", 0.5);
            full.put("prefix_padding_ms", 300);
            full.put("silence_duration_ms", 200);
            full.putNull("idle_timeout_ms");
        } else {
            full.put("eagerness", "auto");
        }
        full.put("create_response", true);
        full.put("interrupt_response", true);
        full.setAll(td);
        return full;
    }

    private static void putIfAbsentNull(ObjectNode node, String name) {
        if (!node.has(name)) {
            node.putNull(name);
        }
    }
}
