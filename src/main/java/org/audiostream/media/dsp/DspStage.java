package org.audiostream.media.dsp;

/**
 * One in-place processing stage of the {@link DspChain}, working on normalised samples (full scale
 * = ±1.0). Threads: confined to the chain's thread.
 */
public sealed interface DspStage
        permits DcBlocker, NoiseGate, Compressor, HighShelfFilter, LowPassFilter, SoftClipper {

    /** Processes {@code samples[0, count)} in place. */
    void process(float[] samples, int count);

    /** Returns to the state after a long silence. */
    void reset();
}
