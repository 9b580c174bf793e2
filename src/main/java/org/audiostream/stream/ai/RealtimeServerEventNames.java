package org.audiostream.stream.ai;

import java.util.Map;

/**
 * Server event names: the GA names are canonical; with beta compatibility, the names a beta-era
 * "Realtime-compatible" server sends are read as their GA equivalents (voice_ai_anchors §1.4).
 */
final class RealtimeServerEventNames {

    private static final Map<String, String> BETA_TO_GA = Map.of(
            "response.audio.delta", "response.output_audio.delta",
            "response.audio.done", "response.output_audio.done",
            "response.audio_transcript.delta", "response.output_audio_transcript.delta",
            "response.audio_transcript.done", "response.output_audio_transcript.done",
            "response.text.delta", "response.output_text.delta",
            "response.text.done", "response.output_text.done",
            "conversation.item.created", "conversation.item.added");

    private RealtimeServerEventNames() {}

    static String canonical(String type, boolean betaCompat) {
        return betaCompat ? BETA_TO_GA.getOrDefault(type, type) : type;
    }
}
