package org.audiostream.stream.ai.tts;

/**
 * The tone played when TTS is disabled for a session (seed §4.2): three short beeps of 480 + 620 Hz (the
 * North American reorder tone's pair), 250 ms on and 250 ms off, about -12 dBFS. Threads: stateless.
 */
final class ErrorTone {

    private static final double AMPLITUDE = 0.12 * 32767;

    private ErrorTone() {}

    static short[] samples(int rate) {
        int beep = rate / 4;
        short[] out = new short[beep * 6];
        for (int b = 0; b < 3; b++) {
            int start = b * 2 * beep;
            for (int i = 0; i < beep; i++) {
                double t = (double) i / rate;
                double fade = Math.min(1.0, Math.min(i, beep - 1 - i) / (rate * 0.005));
                double v = Math.sin(2 * Math.PI * 480 * t) + Math.sin(2 * Math.PI * 620 * t);
                out[start + i] = (short) Math.round(AMPLITUDE * v * fade);
            }
        }
        return out;
    }
}
