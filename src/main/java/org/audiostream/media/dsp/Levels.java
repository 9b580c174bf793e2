package org.audiostream.media.dsp;

/**
 * Decibel and time-constant helpers shared by the stages. Threads: stateless; any thread.
 */
final class Levels {

    private Levels() {
    }

    static double dbToGain(double db) {
        return Math.pow(10.0, db / 20.0);
    }

    /** Coefficient of a one-pole smoother that moves 1 - 1/e of the way in {@code ms} milliseconds. */
    static double onePole(double ms, int sampleRate) {
        return Math.exp(-1.0 / (ms * 0.001 * sampleRate));
    }

    static void requirePositive(String stage, String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(stage + " rejected: " + name + "=" + value + " <= 0 or not finite");
        }
    }

    static void requireBelowNyquist(String stage, String name, double hz, int sampleRate) {
        double nyquist = sampleRate / 2.0;
        if (!(hz < nyquist)) {
            throw new IllegalArgumentException(stage + " rejected: " + name + "=" + hz + " >= Nyquist="
                    + nyquist + " Hz (sampleRate=" + sampleRate + ")");
        }
    }
}
