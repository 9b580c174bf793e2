package org.audiostream.fakes.tts;

import org.audiostream.media.G711Law;

/**
 * The audio the fake "speaks" for a text: a voiced tone whose pitch is derived from the text, 40 ms per
 * character (at least 300 ms), about -18 dBFS, in the format the request asked for. Deterministic, so a test
 * can find exactly these samples in what the caller heard. Threads: stateless.
 */
public final class FakeTtsVoice {

    private static final int MS_PER_CHAR = 40;

    private FakeTtsVoice() {}

    /** Milliseconds of audio for {@code text}. */
    public static int durationMs(String text) {
        return Math.max(300, text.length() * MS_PER_CHAR);
    }

    /** 16-bit samples at {@code rate}. */
    public static short[] samples(String text, int rate) {
        int n = durationMs(text) * rate / 1000;
        double pitch = 110 + Math.floorMod(text.hashCode(), 120);
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            double t = (double) i / rate;
            double v = Math.sin(2 * Math.PI * pitch * t) + 0.5 * Math.sin(2 * Math.PI * 2 * pitch * t)
                    + 0.25 * Math.sin(2 * Math.PI * 3 * pitch * t);
            double fade = Math.min(1.0, Math.min(i, n - 1 - i) / (rate * 0.01));
            out[i] = (short) Math.round(4200 * v * fade);
        }
        return out;
    }

    /**
     * The exact bytes sent for {@code text} in ElevenLabs' {@code format} ({@code ulaw_8000}, {@code alaw_8000},
     * {@code pcm_<rate>}: 16-bit little-endian).
     */
    public static byte[] bytes(String text, String format) {
        if (format.equals("ulaw_8000") || format.equals("alaw_8000")) {
            G711Law law = format.startsWith("ulaw") ? G711Law.PCMU : G711Law.PCMA;
            short[] pcm = samples(text, 8000);
            byte[] out = new byte[pcm.length];
            law.encode(pcm, 0, out, 0, pcm.length);
            return out;
        }
        if (!format.startsWith("pcm_")) {
            throw new IllegalArgumentException("the fake speaks ulaw_8000, alaw_8000 and pcm_<rate>, not " + format);
        }
        short[] pcm = samples(text, Integer.parseInt(format.substring(4)));
        byte[] out = new byte[pcm.length * 2];
        for (int i = 0; i < pcm.length; i++) {
            out[2 * i] = (byte) pcm[i];
            out[2 * i + 1] = (byte) (pcm[i] >> 8);
        }
        return out;
    }
}
