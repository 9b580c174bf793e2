package org.audiostream.stream.ws;

import java.util.Arrays;
import java.util.Locale;

/**
 * The WebSocket dialects a stream can speak, chosen per stream ({@code AUDIO_STREAM_PROTOCOL}, or
 * {@code protocol=} on {@code start}). Threads: immutable; any thread.
 */
public enum WsProtocol {

    /** mod_audio_stream's protocol, the default: metadata text first, binary L16 frames, {@code streamAudio} back. */
    MOD_AUDIO_STREAM("mod_audio_stream", 0),

    /** Twilio Media Streams: JSON text frames only, base64 μ-law 8 kHz both ways, marks and {@code clear}. */
    TWILIO("twilio", 8000);

    private final String label;
    private final int fixedRate;

    WsProtocol(String label, int fixedRate) {
        this.label = label;
        this.fixedRate = fixedRate;
    }

    /** The name used in settings, the API, events and logs. */
    public String label() {
        return label;
    }

    /** The only stream rate the dialect carries, in Hz, or 0 when {@code start} chooses it. */
    public int fixedRate() {
        return fixedRate;
    }

    /** Every label, for the settings schema and error messages. */
    public static String[] labels() {
        return Arrays.stream(values()).map(WsProtocol::label).toArray(String[]::new);
    }

    /**
     * Parses a label, ignoring case.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static WsProtocol parse(String text) {
        for (WsProtocol p : values()) {
            if (p.label.equals(text.strip().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("protocol=\"" + text + "\" not one of " + Arrays.toString(labels()));
    }
}
