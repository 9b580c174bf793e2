package org.audiostream.media.dsp;

/**
 * Mutes background noise between words: a peak envelope follower (attack/release) compared with
 * the threshold opens or closes the gate, and the gate's gain moves towards open with the attack
 * time and towards closed with the release time, so it never clicks. Starts closed. Threads:
 * confined to the chain's thread.
 */
public final class NoiseGate implements DspStage {

    public record Settings(boolean enabled, double thresholdDb, double attackMs, double releaseMs) {
        public static final Settings DEFAULT = new Settings(true, -45.0, 1.0, 50.0);

        public Settings {
            if (!(thresholdDb <= 0)) {
                throw new IllegalArgumentException("noise gate rejected: thresholdDb=" + thresholdDb + " > 0");
            }
            Levels.requirePositive("noise gate", "attackMs", attackMs);
            Levels.requirePositive("noise gate", "releaseMs", releaseMs);
        }

        public Settings withEnabled(boolean on) {
            return new Settings(on, thresholdDb, attackMs, releaseMs);
        }
    }

    private final double threshold;
    private final double attack;
    private final double release;
    private double envelope;
    private double gain;

    public NoiseGate(Settings settings, int sampleRate) {
        this.threshold = Levels.dbToGain(settings.thresholdDb());
        this.attack = Levels.onePole(settings.attackMs(), sampleRate);
        this.release = Levels.onePole(settings.releaseMs(), sampleRate);
    }

    @Override
    public void process(float[] samples, int count) {
        double env = envelope;
        double g = gain;
        for (int i = 0; i < count; i++) {
            double level = Math.abs(samples[i]);
            double envCoef = level > env ? attack : release;
            env = envCoef * env + (1 - envCoef) * level;
            double target = env >= threshold ? 1.0 : 0.0;
            double gainCoef = target > g ? attack : release;
            g = gainCoef * g + (1 - gainCoef) * target;
            samples[i] = (float) (samples[i] * g);
        }
        envelope = env;
        gain = g;
    }

    @Override
    public void reset() {
        envelope = 0;
        gain = 0;
    }
}
