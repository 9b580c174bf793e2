package org.audiostream.stream.ai.tts;

import java.util.Locale;

/** The speech providers of the TTS style, by their {@code AUDIO_STREAM_AI_TTS_PROVIDER} names. Threads: immutable. */
public enum TtsProvider {
    ELEVENLABS,
    OPENAI,
    REALTIME_TTS,
    ESPEAK;

    /** The name in settings, logs, events and metrics. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static TtsProvider parse(String label) {
        for (TtsProvider p : values()) {
            if (p.label().equals(label.strip().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown TTS provider '" + label + "' (elevenlabs, openai, realtime_tts, espeak)");
    }
}
