package org.audiostream.media.dsp;

/**
 * Evens out speech loudness: a feed-forward compressor with a soft knee (Giannoulis, Massberg and
 * Reiss, "Digital Dynamic Range Compressor Design", JAES 2012, eq. 4) and make-up gain. The level
 * is the mean square smoothed with the attack time constant, expressed so that a full-scale sine is
 * 0 dBFS (AES17), which makes a steady sine's output level exactly {@link #staticCurveDb} plus
 * make-up. The gain reduction then follows the static curve with the attack time when it grows and
 * the release time when it shrinks. Threads: confined to the chain's thread.
 */
public final class Compressor implements DspStage {

    public record Settings(boolean enabled, double thresholdDb, double ratio, double attackMs,
            double releaseMs, double makeupDb, double kneeDb) {
        public static final Settings DEFAULT = new Settings(true, -18.0, 3.0, 5.0, 50.0, 6.0, 6.0);

        public Settings {
            if (!(thresholdDb <= 0)) {
                throw new IllegalArgumentException("compressor rejected: thresholdDb=" + thresholdDb + " > 0");
            }
            if (!(ratio >= 1) || Double.isInfinite(ratio)) {
                throw new IllegalArgumentException("compressor rejected: ratio=" + ratio + " < 1 or not finite");
            }
            if (!(kneeDb >= 0) || Double.isInfinite(kneeDb)) {
                throw new IllegalArgumentException("compressor rejected: kneeDb=" + kneeDb + " < 0 or not finite");
            }
            if (!Double.isFinite(makeupDb)) {
                throw new IllegalArgumentException("compressor rejected: makeupDb=" + makeupDb + " not finite");
            }
            Levels.requirePositive("compressor", "attackMs", attackMs);
            Levels.requirePositive("compressor", "releaseMs", releaseMs);
        }

        public Settings withEnabled(boolean on) {
            return new Settings(on, thresholdDb, ratio, attackMs, releaseMs, makeupDb, kneeDb);
        }

        /** {@code AUDIO_STREAM_AI_COMPRESSOR_THRESHOLD_DB}. */
        public Settings withThresholdDb(double db) {
            return new Settings(enabled, db, ratio, attackMs, releaseMs, makeupDb, kneeDb);
        }

        /** {@code AUDIO_STREAM_AI_COMPRESSOR_MAKEUP_DB}. */
        public Settings withMakeupDb(double db) {
            return new Settings(enabled, thresholdDb, ratio, attackMs, releaseMs, db, kneeDb);
        }
    }

    /** Floor for the mean square, so silence maps to -200 dBFS rather than -infinity. */
    private static final double MIN_MEAN_SQUARE = 1e-20;

    private final Settings settings;
    private final double attack;
    private final double release;
    private double meanSquare;
    private double reductionDb;

    public Compressor(Settings settings, int sampleRate) {
        this.settings = settings;
        this.attack = Levels.onePole(settings.attackMs(), sampleRate);
        this.release = Levels.onePole(settings.releaseMs(), sampleRate);
    }

    /** The static curve without make-up: output level in dB for a steady input level in dB. */
    public static double staticCurveDb(Settings s, double inDb) {
        double over = inDb - s.thresholdDb();
        double knee = s.kneeDb();
        if (2 * over < -knee) {
            return inDb;
        }
        if (2 * Math.abs(over) <= knee) {
            double t = over + knee / 2;
            return inDb + (1 / s.ratio() - 1) * t * t / (2 * knee);
        }
        return s.thresholdDb() + over / s.ratio();
    }

    @Override
    public void process(float[] samples, int count) {
        double ms = meanSquare;
        double gr = reductionDb;
        double makeup = settings.makeupDb();
        for (int i = 0; i < count; i++) {
            double x = samples[i];
            ms = attack * ms + (1 - attack) * x * x;
            double levelDb = 10 * Math.log10(Math.max(2 * ms, MIN_MEAN_SQUARE));
            double target = levelDb - staticCurveDb(settings, levelDb);
            double coef = target > gr ? attack : release;
            gr = coef * gr + (1 - coef) * target;
            samples[i] = (float) (x * Levels.dbToGain(makeup - gr));
        }
        meanSquare = ms;
        reductionDb = gr;
    }

    @Override
    public void reset() {
        meanSquare = 0;
        reductionDb = 0;
    }
}
