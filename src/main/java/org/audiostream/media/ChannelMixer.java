package org.audiostream.media;

import java.util.Objects;

/**
 * Capture-path stage that combines one frame of caller audio with the frame played to the caller
 * according to a {@link MixMode}: {@code mono} copies the caller, {@code mixed} sums both with
 * saturation to 16 bit, {@code stereo} interleaves caller (left) and played audio (right). Writes
 * into a caller-provided array and never allocates. Threads: stateless after construction; any
 * single thread per call (normally the owning clock shard).
 */
public final class ChannelMixer {

    private final MixMode mode;

    public ChannelMixer(MixMode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    public MixMode mode() {
        return mode;
    }

    /** Output samples (over all channels) that {@link #mix} writes for {@code samples} per channel. */
    public int outputSamples(int samples) {
        return samples * mode.channels();
    }

    /**
     * Mixes {@code caller[0, samples)} and {@code played[0, samples)} into {@code out[0,
     * outputSamples(samples))}. {@code out} may be the same array as {@code caller} or {@code
     * played} (in-place mixing is safe in every mode). {@code played} is not read in {@code mono}
     * mode and may then be {@code null}.
     *
     * @return the number of samples written to {@code out}
     * @throws IllegalArgumentException if an array is shorter than the frame needs
     */
    public int mix(short[] caller, short[] played, int samples, short[] out) {
        requireLength("caller", caller, samples);
        requireLength("out", out, outputSamples(samples));
        switch (mode) {
            case MONO -> {
                if (out != caller) {
                    System.arraycopy(caller, 0, out, 0, samples);
                }
            }
            case MIXED -> {
                requireLength("played", played, samples);
                for (int i = 0; i < samples; i++) {
                    int sum = caller[i] + played[i];
                    out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum));
                }
            }
            case STEREO -> {
                requireLength("played", played, samples);
                // Descending order: writes land at indices >= i, so aliasing out with an input is safe.
                for (int i = samples - 1; i >= 0; i--) {
                    short right = played[i];
                    out[2 * i] = caller[i];
                    out[2 * i + 1] = right;
                }
            }
        }
        return outputSamples(samples);
    }

    private void requireLength(String name, short[] array, int needed) {
        int length = array == null ? 0 : array.length;
        if (needed < 0 || length < needed) {
            throw new IllegalArgumentException("channel mix rejected: " + name + ".length=" + length
                    + " < needed=" + needed + " (mode=" + mode.apiName() + ")");
        }
    }
}
