package org.audiostream.config;

import java.util.function.UnaryOperator;

/**
 * Another name a setting answers to: the fork's {@code STREAM_*} / {@code AI_*} variables. Most carry
 * the same value; a few need translating (e.g. {@code STREAM_BUFFER_SIZE} is in ms where
 * {@code AUDIO_STREAM_RTP_PACKETS} counts 20 ms packets), said in {@code note}.
 */
public record Alias(String name, UnaryOperator<String> translate, String note) {

    public static Alias same(String name) {
        return new Alias(name, UnaryOperator.identity(), "");
    }

    public boolean translates() {
        return !note.isEmpty();
    }
}
