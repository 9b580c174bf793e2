package org.audiostream.media.dsp;

/**
 * Band-limits synthesised speech before it reaches the codec: an RBJ low-pass biquad (default
 * 3800 Hz, Q 0.707, so -3 dB at the cut-off). Threads: confined to the chain's thread.
 */
public final class LowPassFilter implements DspStage {

    public record Settings(boolean enabled, double cutoffHz, double q) {
        public static final Settings DEFAULT = new Settings(true, 3800.0, 0.707);

        public Settings {
            Levels.requirePositive("low-pass filter", "cutoffHz", cutoffHz);
            Levels.requirePositive("low-pass filter", "q", q);
        }

        public Settings withEnabled(boolean on) {
            return new Settings(on, cutoffHz, q);
        }

        /** {@code AUDIO_STREAM_AI_LPF_CUTOFF_HZ}. */
        public Settings withCutoffHz(double hz) {
            return new Settings(enabled, hz, q);
        }
    }

    private final Biquad biquad;

    /**
     * @throws IllegalArgumentException if the cut-off is not below {@code sampleRate / 2}; clamping
     *     a configured value is the config layer's job
     */
    public LowPassFilter(Settings settings, int sampleRate) {
        Levels.requireBelowNyquist("low-pass filter", "cutoffHz", settings.cutoffHz(), sampleRate);
        this.biquad = Biquad.lowPass(sampleRate, settings.cutoffHz(), settings.q());
    }

    @Override
    public void process(float[] samples, int count) {
        biquad.process(samples, count);
    }

    @Override
    public void reset() {
        biquad.reset();
    }
}
