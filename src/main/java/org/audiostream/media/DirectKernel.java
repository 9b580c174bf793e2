package org.audiostream.media;

/**
 * Polyphase kernel that computes each output as one dot product over its phase's coefficients,
 * with four partial sums. It suits any L/M, including the large ratios such as 160/441 (22050 to
 * 8000 Hz) where a phase recurs too rarely for {@link PhaseClassKernel} to pay off. The history is
 * one contiguous stream.
 *
 * <p>Threads: stateless apart from the shared immutable filter; confined to its resampler's thread.
 */
final class DirectKernel implements PolyphaseKernel {

    private final float[] coefficients;
    private final int taps;
    private final int up;
    private final int wholeStep;
    private final int fractionStep;

    DirectKernel(PolyphaseFilter filter) {
        this.coefficients = filter.coefficients();
        this.taps = filter.taps();
        this.up = filter.up();
        this.wholeStep = filter.down() / filter.up();
        this.fractionStep = filter.down() % filter.up();
    }

    @Override
    public int historyStreams() {
        return 1;
    }

    @Override
    public void run(short[][] history, int start, int phase, int count, short[] out, int outOff) {
        short[] x = history[0];
        float[] h = coefficients;
        int n = taps;
        int position = start;
        int p = phase;
        for (int t = 0; t < count; t++) {
            int c = p * n;
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            for (int k = 0; k < n; k += 4) {
                s0 += h[c + k] * x[position + k];
                s1 += h[c + k + 1] * x[position + k + 1];
                s2 += h[c + k + 2] * x[position + k + 2];
                s3 += h[c + k + 3] * x[position + k + 3];
            }
            out[outOff + t] = PolyphaseKernel.toPcm((s0 + s1) + (s2 + s3));
            // Integer phase stepping, branch-free: carry is -1 when the phase wraps past L.
            p += fractionStep;
            int carry = (up - 1 - p) >> 31;
            p -= up & carry;
            position += wholeStep - carry;
        }
    }
}
