package org.audiostream.media;

import java.util.Locale;

/**
 * How the capture path combines the two directions of a call, as in the {@code uuid_audio_stream
 * start <url> <mono|mixed|stereo>} argument: {@code mono} is the caller only, {@code mixed} is the
 * caller plus the audio played to the caller summed into one channel, {@code stereo} is the caller
 * on the left channel and the played audio on the right. Threads: immutable; any thread.
 */
public enum MixMode {
    MONO(1),
    MIXED(1),
    STEREO(2);

    private final int channels;

    MixMode(int channels) {
        this.channels = channels;
    }

    /** Channels in the mixed output: 1 for {@code mono} and {@code mixed}, 2 for {@code stereo}. */
    public int channels() {
        return channels;
    }

    /** The API spelling of this mode: {@code mono}, {@code mixed} or {@code stereo}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the API spelling, ignoring case.
     *
     * @throws IllegalArgumentException naming the offending value and the accepted ones
     */
    public static MixMode parse(String text) {
        if (text != null) {
            for (MixMode mode : values()) {
                if (mode.name().equalsIgnoreCase(text)) {
                    return mode;
                }
            }
        }
        String shown = text == null ? "null" : '"' + text + '"';
        throw new IllegalArgumentException(
                "invalid mix mode: mix=" + shown + " is not one of mono|mixed|stereo");
    }
}
