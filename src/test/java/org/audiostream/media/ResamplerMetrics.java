package org.audiostream.media;

/**
 * Quality measurements for resampler outputs: sine fits (gain and SNR, independent of delay),
 * residual power for stopband tones, and delay-aligned SNR against a reference signal.
 *
 * <p>Threads: stateless.
 */
final class ResamplerMetrics {

    private ResamplerMetrics() {}

    /** A sine fit: amplitude gain relative to the input amplitude, and signal-to-residual ratio. */
    record SineFit(double gain, double snrDb) {

        double gainDb() {
            return 20 * Math.log10(gain);
        }
    }

    static short[] sine(double frequency, int rate, int samples, double amplitude) {
        short[] s = new short[samples];
        for (int i = 0; i < samples; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        return s;
    }

    /**
     * Least-squares fit of {@code a sin + b cos} at {@code frequency} over {@code y[from, to)};
     * the residual is everything else (imaging, aliasing, ripple-free noise, quantisation).
     */
    static SineFit fitSine(short[] y, int from, int to, double frequency, int rate, double inputAmplitude) {
        double w = 2 * Math.PI * frequency / rate;
        double ss = 0;
        double cc = 0;
        double sc = 0;
        double ys = 0;
        double yc = 0;
        for (int i = from; i < to; i++) {
            double s = Math.sin(w * i);
            double c = Math.cos(w * i);
            ss += s * s;
            cc += c * c;
            sc += s * c;
            ys += y[i] * s;
            yc += y[i] * c;
        }
        double det = ss * cc - sc * sc;
        double a = (ys * cc - yc * sc) / det;
        double b = (yc * ss - ys * sc) / det;
        double signal = 0;
        double residual = 0;
        for (int i = from; i < to; i++) {
            double fit = a * Math.sin(w * i) + b * Math.cos(w * i);
            signal += fit * fit;
            residual += (y[i] - fit) * (y[i] - fit);
        }
        return new SineFit(Math.hypot(a, b) / inputAmplitude, 10 * Math.log10(signal / Math.max(residual, 1e-9)));
    }

    /** Mean square of {@code y[from, to)}. */
    static double power(short[] y, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) y[i] * y[i];
        }
        return sum / (to - from);
    }

    /**
     * The SNR of {@code y} against {@code reference} after shifting {@code y} by the integer lag in
     * {@code [-maxLag, maxLag]} that maximises their correlation, over {@code reference[from, to)}.
     */
    static double alignedSnrDb(short[] reference, short[] y, int from, int to, int maxLag) {
        int bestLag = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            double dot = 0;
            for (int i = from; i < to; i++) {
                int k = i + lag;
                if (k >= 0 && k < y.length) {
                    dot += (double) reference[i] * y[k];
                }
            }
            if (dot > best) {
                best = dot;
                bestLag = lag;
            }
        }
        double signal = 0;
        double error = 0;
        for (int i = from; i < to; i++) {
            int k = i + bestLag;
            double v = k >= 0 && k < y.length ? y[k] : 0;
            signal += (double) reference[i] * reference[i];
            error += (v - reference[i]) * (v - reference[i]);
        }
        return 10 * Math.log10(signal / Math.max(error, 1e-9));
    }
}
