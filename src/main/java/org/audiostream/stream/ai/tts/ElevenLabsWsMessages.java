package org.audiostream.stream.ai.tts;

import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client messages of ElevenLabs' multi-context input streaming (voice_ai_anchors §2.2, the service's asyncapi),
 * exactly as sent. A context opens with a single space, the voice settings and the generation schedule; words
 * follow, each piece ending with a space; the sentence's end flushes what is buffered and closes the context, so
 * that its {@code isFinal} follows the last audio. Threads: stateless.
 */
final class ElevenLabsWsMessages {

    /**
     * Characters buffered before each chunk of audio is generated. The first is the service's minimum (its default
     * is 120): a long sentence starts speaking after 50 characters, before the model has finished writing it; the
     * later chunks keep the default sizes, which the service recommends for quality. A sentence's end flushes anyway.
     */
    static final List<Integer> CHUNK_LENGTH_SCHEDULE = List.of(50, 160, 250, 290);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ElevenLabsWsMessages() {}

    /** Opens context {@code id}: {@code {"text":" ","context_id":…,"voice_settings":{…},"generation_config":{…}}}. */
    static String openContext(String id, TtsOptions.ElevenLabs o) {
        ObjectNode m = JSON.createObjectNode().put("text", " ").put("context_id", id);
        m.putObject("voice_settings").put("stability", o.stability()).put("similarity_boost", o.similarityBoost())
                .put("style", 0.0).put("use_speaker_boost", true);
        ArrayNode schedule = m.putObject("generation_config").putArray("chunk_length_schedule");
        CHUNK_LENGTH_SCHEDULE.forEach(schedule::add);
        return m.toString();
    }

    /** Words of the sentence of context {@code id}: {@code {"text":"…","context_id":…}}. */
    static String text(String id, String words) {
        return JSON.createObjectNode().put("text", words).put("context_id", id).toString();
    }

    /** The sentence's last words and a flush: {@code {"text":"… ","context_id":…,"flush":true}} (no text if none). */
    static String flush(String id, String rest) {
        ObjectNode m = JSON.createObjectNode();
        if (!rest.isEmpty()) {
            m.put("text", rest.endsWith(" ") ? rest : rest + " ");
        }
        return m.put("context_id", id).put("flush", true).toString();
    }

    /** {@code {"context_id":…,"close_context":true}}: what was flushed is still spoken, then {@code isFinal}. */
    static String closeContext(String id) {
        return JSON.createObjectNode().put("context_id", id).put("close_context", true).toString();
    }

    /** {@code {"close_socket":true}}: the session ends. */
    static String closeSocket() {
        return "{\"close_socket\":true}";
    }
}
