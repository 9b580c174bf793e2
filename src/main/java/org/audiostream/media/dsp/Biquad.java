package org.audiostream.media.dsp;

/**
 * Second-order IIR section in transposed direct form II, with coefficients from Robert
 * Bristow-Johnson's "Cookbook formulae for audio EQ biquad filter coefficients". Threads: confined
 * to the owning stage's thread.
 */
final class Biquad {

    private final double b0;
    private final double b1;
    private final double b2;
    private final double a1;
    private final double a2;
    private double z1;
    private double z2;

    private Biquad(double b0, double b1, double b2, double a0, double a1, double a2) {
        this.b0 = b0 / a0;
        this.b1 = b1 / a0;
        this.b2 = b2 / a0;
        this.a1 = a1 / a0;
        this.a2 = a2 / a0;
    }

    /** Cookbook LPF: {@code H(s) = 1 / (s^2 + s/Q + 1)}. */
    static Biquad lowPass(int sampleRate, double cutoffHz, double q) {
        double w0 = 2 * Math.PI * cutoffHz / sampleRate;
        double cos = Math.cos(w0);
        double alpha = Math.sin(w0) / (2 * q);
        return new Biquad((1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /** Cookbook highShelf with {@code A = 10^(gainDb/40)} and alpha from Q. */
    static Biquad highShelf(int sampleRate, double frequencyHz, double gainDb, double q) {
        double a = Math.pow(10, gainDb / 40);
        double w0 = 2 * Math.PI * frequencyHz / sampleRate;
        double cos = Math.cos(w0);
        double alpha = Math.sin(w0) / (2 * q);
        double twoSqrtAAlpha = 2 * Math.sqrt(a) * alpha;
        return new Biquad(
                a * ((a + 1) + (a - 1) * cos + twoSqrtAAlpha),
                -2 * a * ((a - 1) + (a + 1) * cos),
                a * ((a + 1) + (a - 1) * cos - twoSqrtAAlpha),
                (a + 1) - (a - 1) * cos + twoSqrtAAlpha,
                2 * ((a - 1) - (a + 1) * cos),
                (a + 1) - (a - 1) * cos - twoSqrtAAlpha);
    }

    void process(float[] samples, int count) {
        double s1 = z1;
        double s2 = z2;
        for (int i = 0; i < count; i++) {
            double x = samples[i];
            double y = b0 * x + s1;
            s1 = b1 * x - a1 * y + s2;
            s2 = b2 * x - a2 * y;
            samples[i] = (float) y;
        }
        z1 = s1;
        z2 = s2;
    }

    void reset() {
        z1 = 0;
        z2 = 0;
    }
}
