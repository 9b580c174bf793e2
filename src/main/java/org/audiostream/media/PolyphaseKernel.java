package org.audiostream.media;

/**
 * The inner loop of {@link PolyphaseResampler}: computes {@code count} consecutive outputs from
 * the input history. Output {@code t} uses phase {@code (phase + t * M) mod L} and the
 * {@code taps} inputs starting at {@code start + floor((phase + t * M) / L)}, counted in
 * history positions. Each output is computed by the same float operations in the same order
 * whatever {@code count} is, which is what makes streaming sample-exact.
 *
 * <p>Threads: an instance belongs to one resampler and is confined to its thread.
 */
sealed interface PolyphaseKernel permits PhaseClassKernel, DirectKernel {

    /**
     * @param history the history in {@link #historyStreams()} deinterleaved streams: position
     *     {@code g} is {@code history[g % streams][g / streams]}
     */
    void run(short[][] history, int start, int phase, int count, short[] out, int outOff);

    /** How many deinterleaved streams the history is kept in. */
    int historyStreams();

    /** Rounds to the nearest 16-bit value, saturating. */
    static short toPcm(float y) {
        return (short) Math.round(Math.max(-32768f, Math.min(32767f, y)));
    }
}
