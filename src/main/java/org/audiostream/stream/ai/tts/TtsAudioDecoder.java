package org.audiostream.stream.ai.tts;

/**
 * Turns one synthesis' byte stream into samples. Chunks may split a 16-bit sample: the odd byte is carried into
 * the next chunk. Threads: confined to one thread at a time (the engine's event loop).
 */
final class TtsAudioDecoder {

    private final TtsFormat format;
    private int carry = -1;

    TtsAudioDecoder(TtsFormat format) {
        this.format = format;
    }

    /** The most samples {@link #decode} can produce from {@code len} bytes. */
    static int maxSamples(int len) {
        return len + 1;
    }

    /**
     * Decodes {@code data[off, off + len)} into {@code out} from 0.
     *
     * @return samples written
     */
    int decode(byte[] data, int off, int len, short[] out) {
        if (format.law().isPresent()) {
            format.law().get().decode(data, off, out, 0, len);
            return len;
        }
        int n = 0;
        int p = off;
        int end = off + len;
        if (carry >= 0 && p < end) {
            out[n++] = (short) (carry | (data[p++] << 8));
            carry = -1;
        }
        for (; p + 1 < end; p += 2) {
            out[n++] = (short) ((data[p] & 0xff) | (data[p + 1] << 8));
        }
        if (p < end) {
            carry = data[p] & 0xff;
        }
        return n;
    }
}
