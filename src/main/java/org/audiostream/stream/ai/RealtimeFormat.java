package org.audiostream.stream.ai;

import java.util.Optional;
import org.audiostream.media.G711Law;

/**
 * The audio formats of a Realtime session ({@code audio.input.format} and {@code audio.output.format}; the
 * same both ways here): the two G.711 laws at 8 kHz, one byte per sample, or 24 kHz PCM16 little-endian.
 * Threads: immutable.
 */
public enum RealtimeFormat {
    PCMU("audio/pcmu", 8000, 1),
    PCMA("audio/pcma", 8000, 1),
    PCM24("audio/pcm", 24_000, 2);

    private final String wireType;
    private final int sampleRate;
    private final int bytesPerSample;

    RealtimeFormat(String wireType, int sampleRate, int bytesPerSample) {
        this.wireType = wireType;
        this.sampleRate = sampleRate;
        this.bytesPerSample = bytesPerSample;
    }

    /** The {@code type} of the format object on the wire. */
    public String wireType() {
        return wireType;
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Bytes of audio per millisecond: 8 for G.711, 48 for PCM16 at 24 kHz (what truncation is computed with). */
    public int bytesPerMs() {
        return sampleRate / 1000 * bytesPerSample;
    }

    public int bytesPerSample() {
        return bytesPerSample;
    }

    /**
     * The format for {@code AUDIO_STREAM_AI_AUDIO_FORMAT}: {@code auto} is the call's own G.711 law (so that
     * nothing is resampled), or PCM16 24 kHz for a call that is not G.711.
     */
    public static RealtimeFormat choose(String setting, Optional<G711Law> callLaw) {
        return switch (setting) {
            case "pcmu" -> PCMU;
            case "pcma" -> PCMA;
            case "pcm24" -> PCM24;
            default -> callLaw.map(law -> law == G711Law.PCMA ? PCMA : PCMU).orElse(PCM24);
        };
    }

    /** Encodes {@code n} samples into {@code dst} from {@code dstOff}; returns the bytes written. */
    public int encode(short[] src, int n, byte[] dst, int dstOff) {
        switch (this) {
            case PCMU -> G711Law.PCMU.encode(src, 0, dst, dstOff, n);
            case PCMA -> G711Law.PCMA.encode(src, 0, dst, dstOff, n);
            case PCM24 -> {
                for (int i = 0; i < n; i++) {
                    short s = src[i];
                    dst[dstOff + 2 * i] = (byte) s;
                    dst[dstOff + 2 * i + 1] = (byte) (s >> 8);
                }
            }
        }
        return n * bytesPerSample;
    }

    /** Decodes whole samples of {@code src[0, len)} into {@code dst}; returns the samples written. */
    public int decode(byte[] src, int len, short[] dst) {
        int n = len / bytesPerSample;
        switch (this) {
            case PCMU -> G711Law.PCMU.decode(src, 0, dst, 0, n);
            case PCMA -> G711Law.PCMA.decode(src, 0, dst, 0, n);
            case PCM24 -> {
                for (int i = 0; i < n; i++) {
                    dst[i] = (short) ((src[2 * i] & 0xff) | (src[2 * i + 1] << 8));
                }
            }
        }
        return n;
    }
}
