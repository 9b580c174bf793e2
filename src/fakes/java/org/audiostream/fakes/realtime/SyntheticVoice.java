package org.audiostream.fakes.realtime;

/**
 * A speech-like test signal at 24 kHz: a 140 Hz voice with its harmonics up to 3.4 kHz, shaped into 4 Hz
 * "syllables", about -20 dBFS RMS. It is loud enough for any VAD, has the spectrum of a voice band, and is
 * deterministic, so a test can compare what arrives with what was sent.
 *
 * <p>Threads: stateless.
 */
final class SyntheticVoice {

    private static final int RATE = AudioFormat.PCM_RATE;
    private static final double PITCH_HZ = 140.0;
    private static final double SYLLABLE_HZ = 4.0;
    private static final double PEAK = 9_000.0;

    private SyntheticVoice() {}

    /** {@code durationMs} of voice, starting and ending at zero amplitude. */
    static short[] speak(long durationMs) {
        int n = (int) (durationMs * RATE / 1000);
        short[] out = new short[n];
        int harmonics = (int) (3_400 / PITCH_HZ);
        for (int i = 0; i < n; i++) {
            double t = (double) i / RATE;
            double voice = 0;
            for (int h = 1; h <= harmonics; h++) {
                voice += Math.sin(2 * Math.PI * PITCH_HZ * h * t) / h;
            }
            double syllable = 0.55 + 0.45 * Math.sin(2 * Math.PI * SYLLABLE_HZ * t - Math.PI / 2);
            double fade = Math.min(1.0, Math.min(i, n - 1 - i) / (RATE * 0.01)); // 10 ms ramps
            out[i] = (short) Math.round(PEAK * 0.5 * voice * syllable * fade);
        }
        return out;
    }
}
