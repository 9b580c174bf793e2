package org.audiostream.control;

import java.util.Locale;

/**
 * Which call legs the capture path streams, as in mod_audio_stream's media-bug flags.
 * Threads: immutable.
 */
public enum MixType {
    /** Caller (read) only, one channel. */
    MONO(1),
    /** Caller and callee mixed into one channel. */
    MIXED(1),
    /** Left = caller (read), right = callee (write), interleaved. */
    STEREO(2);

    private final int channels;

    MixType(int channels) {
        this.channels = channels;
    }

    /** Channels in the streamed PCM. */
    public int channels() {
        return channels;
    }

    /** The word used in the command grammar: {@code mono}, {@code mixed}, {@code stereo}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
