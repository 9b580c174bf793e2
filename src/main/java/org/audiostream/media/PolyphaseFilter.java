package org.audiostream.media;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The coefficient bank of a rational L/M resampler: a Kaiser-windowed sinc low-pass designed at
 * the intermediate rate {@code L * inRate}, split into L phases of {@link #taps()} coefficients.
 * Phase {@code p} applied to {@code taps} consecutive inputs, oldest first, gives one output. The
 * prototype is centred on a multiple of M, so the resampler delays its output by exactly
 * {@link #delay()} output samples. Banks depend only on (L, M, quality) and are cached, so every
 * 8000 to 16000 Hz resampler (and every 16000 to 32000 Hz one) shares one array. The cache keeps the
 * first {@value #MAX_CACHED} banks; an app that cycles through odd rates gets banks of its own.
 *
 * <p>Threads: immutable; {@link #of} is thread-safe.
 */
final class PolyphaseFilter {

    private record Key(int up, int down, PolyphaseResampler.Quality quality) {}

    static final int MAX_CACHED = 64;
    private static final ConcurrentHashMap<Key, PolyphaseFilter> CACHE = new ConcurrentHashMap<>();

    private final int up;
    private final int down;
    private final int taps;
    private final int delay;
    private final float[] coefficients;

    private PolyphaseFilter(int up, int down, PolyphaseResampler.Quality quality) {
        this.up = up;
        this.down = down;
        int factor = Math.max(up, down);
        // Half-length in samples of the lower rate, expressed at the intermediate rate and rounded
        // up to a multiple of M so that the centre falls on an output sample.
        int centre = down * ceilDiv(quality.halfTaps() * factor, down);
        this.delay = centre / down;
        // Taps per phase, padded to a multiple of 4 for the unrolled kernels (pads are zeros).
        this.taps = 4 * ceilDiv(ceilDiv(2 * centre + 1, up), 4);
        double cutoff = quality.cutoff() * 0.5 / factor; // cycles per intermediate-rate sample
        double windowNorm = bessel0(quality.kaiserBeta());
        this.coefficients = new float[up * taps];
        for (int phase = 0; phase < up; phase++) {
            for (int k = 0; k < taps; k++) {
                int i = (taps - 1 - k) * up + phase; // prototype index; newest input has k = taps - 1
                if (i > 2 * centre) {
                    continue;
                }
                double t = i - centre;
                double r = t / centre;
                double window = bessel0(quality.kaiserBeta() * Math.sqrt(Math.max(0, 1 - r * r))) / windowNorm;
                coefficients[phase * taps + k] = (float) (up * 2 * cutoff * sinc(2 * cutoff * t) * window);
            }
        }
    }

    /** The shared bank for L = {@code up}, M = {@code down} (already reduced by their gcd). */
    static PolyphaseFilter of(int up, int down, PolyphaseResampler.Quality quality) {
        Key key = new Key(up, down, quality);
        PolyphaseFilter cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        return CACHE.size() < MAX_CACHED ? CACHE.computeIfAbsent(key, k -> new PolyphaseFilter(k.up, k.down, k.quality))
                : new PolyphaseFilter(up, down, quality);
    }

    /** L: the interpolation factor. */
    int up() {
        return up;
    }

    /** M: the decimation factor. */
    int down() {
        return down;
    }

    /** Coefficients per phase, a multiple of 4. */
    int taps() {
        return taps;
    }

    /** Output delay in output samples: output {@code j} estimates the ideal output {@code j - delay}. */
    int delay() {
        return delay;
    }

    /** Phase-major: phase {@code p}, tap {@code k} is at {@code p * taps() + k}. Do not modify. */
    float[] coefficients() {
        return coefficients;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** Modified Bessel function of the first kind, order 0 (power series; converges for all x). */
    private static double bessel0(double x) {
        double sum = 1;
        double term = 1;
        double quarterSquare = x * x / 4;
        for (int k = 1; term > 1e-12 * sum; k++) {
            term *= quarterSquare / ((double) k * k);
            sum += term;
        }
        return sum;
    }
}
