package org.audiostream.media.dsp;

/**
 * Adds presence to synthesised speech: an RBJ high-shelf biquad (default +3 dB above 3 kHz,
 * Q 0.707). Threads: confined to the chain's thread.
 */
public final class HighShelfFilter implements DspStage {

    public record Settings(boolean enabled, double frequencyHz, double gainDb, double q) {
        public static final Settings DEFAULT = new Settings(true, 3000.0, 3.0, 0.707);

        public Settings {
            Levels.requirePositive("high-shelf filter", "frequencyHz", frequencyHz);
            Levels.requirePositive("high-shelf filter", "q", q);
            if (!Double.isFinite(gainDb)) {
                throw new IllegalArgumentException("high-shelf filter rejected: gainDb=" + gainDb + " not finite");
            }
        }

        public Settings withEnabled(boolean on) {
            return new Settings(on, frequencyHz, gainDb, q);
        }

        /** {@code AUDIO_STREAM_AI_HIGH_SHELF_GAIN_DB}. */
        public Settings withGainDb(double db) {
            return new Settings(enabled, frequencyHz, db, q);
        }
    }

    private final Biquad biquad;

    /** @throws IllegalArgumentException if the shelf frequency is not below {@code sampleRate / 2} */
    public HighShelfFilter(Settings settings, int sampleRate) {
        Levels.requireBelowNyquist("high-shelf filter", "frequencyHz", settings.frequencyHz(), sampleRate);
        this.biquad = Biquad.highShelf(sampleRate, settings.frequencyHz(), settings.gainDb(), settings.q());
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
