package org.audiostream.media.dsp;

/**
 * Last stage: keeps peaks below full scale without hard clipping. Below the threshold the signal is
 * untouched; above it {@code y = t + (1 - t) * tanh((|x| - t) / (1 - t))}, which joins the linear
 * part with the same slope, rises monotonically and never exceeds 1.0. Threads: stateless; confined
 * to the chain's thread.
 */
public final class SoftClipper implements DspStage {

    /** @param threshold where the knee starts, in (0, 1) of full scale */
    public record Settings(boolean enabled, double threshold) {
        public static final Settings DEFAULT = new Settings(true, 0.85);

        public Settings {
            if (!(threshold > 0 && threshold < 1)) {
                throw new IllegalArgumentException("soft clipper rejected: threshold=" + threshold + " outside (0, 1)");
            }
        }

        public Settings withEnabled(boolean on) {
            return new Settings(on, threshold);
        }
    }

    private final double threshold;
    private final double headroom;

    public SoftClipper(Settings settings) {
        this.threshold = settings.threshold();
        this.headroom = 1 - threshold;
    }

    @Override
    public void process(float[] samples, int count) {
        for (int i = 0; i < count; i++) {
            double x = samples[i];
            double magnitude = Math.abs(x);
            if (magnitude > threshold) {
                double shaped = threshold + headroom * Math.tanh((magnitude - threshold) / headroom);
                samples[i] = (float) Math.copySign(shaped, x);
            }
        }
    }

    @Override
    public void reset() {
        // Stateless.
    }
}
