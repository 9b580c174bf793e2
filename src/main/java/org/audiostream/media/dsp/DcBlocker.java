package org.audiostream.media.dsp;

/**
 * Removes the DC offset with the one-pole, one-zero high-pass {@code y[n] = x[n] - x[n-1] + r *
 * y[n-1]} (cut-off ≈ {@code (1 - r) * rate / 2π}, 6.4 Hz at 8 kHz for r = 0.995). Threads:
 * confined to the chain's thread.
 */
public final class DcBlocker implements DspStage {

    /** @param pole the pole radius r, in (0, 1) */
    public record Settings(boolean enabled, double pole) {
        public static final Settings DEFAULT = new Settings(true, 0.995);

        public Settings {
            if (!(pole > 0 && pole < 1)) {
                throw new IllegalArgumentException("DC blocker rejected: pole=" + pole + " outside (0, 1)");
            }
        }

        public Settings withEnabled(boolean on) {
            return new Settings(on, pole);
        }
    }

    private final double pole;
    private double previousIn;
    private double previousOut;

    public DcBlocker(Settings settings) {
        this.pole = settings.pole();
    }

    @Override
    public void process(float[] samples, int count) {
        double x1 = previousIn;
        double y1 = previousOut;
        for (int i = 0; i < count; i++) {
            double x = samples[i];
            double y = x - x1 + pole * y1;
            x1 = x;
            y1 = y;
            samples[i] = (float) y;
        }
        previousIn = x1;
        previousOut = y1;
    }

    @Override
    public void reset() {
        previousIn = 0;
        previousOut = 0;
    }
}
