package org.audiostream.media.dsp;

import java.util.Objects;

/**
 * Everything a {@link DspChain} needs: the sample rate and one settings record per stage, each with
 * its own enable flag. Defaults follow the PR #118 pipeline ({@code dsp_pipeline.*}). Threads:
 * immutable; any thread.
 */
public record DspSettings(
        int sampleRate,
        DcBlocker.Settings dcBlocker,
        NoiseGate.Settings noiseGate,
        Compressor.Settings compressor,
        HighShelfFilter.Settings highShelf,
        LowPassFilter.Settings lowPass,
        SoftClipper.Settings softClipper) {

    public DspSettings {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("DSP settings rejected: sampleRate=" + sampleRate + " <= 0");
        }
        Objects.requireNonNull(dcBlocker, "dcBlocker");
        Objects.requireNonNull(noiseGate, "noiseGate");
        Objects.requireNonNull(compressor, "compressor");
        Objects.requireNonNull(highShelf, "highShelf");
        Objects.requireNonNull(lowPass, "lowPass");
        Objects.requireNonNull(softClipper, "softClipper");
    }

    /** All stages enabled with their defaults. */
    public static DspSettings defaults(int sampleRate) {
        return new DspSettings(sampleRate, DcBlocker.Settings.DEFAULT, NoiseGate.Settings.DEFAULT,
                Compressor.Settings.DEFAULT, HighShelfFilter.Settings.DEFAULT,
                LowPassFilter.Settings.DEFAULT, SoftClipper.Settings.DEFAULT);
    }

    /** Switches every stage on or off at once ({@code AUDIO_STREAM_AI_DSP_ENABLED}). */
    public DspSettings withAllEnabled(boolean on) {
        return new DspSettings(sampleRate, dcBlocker.withEnabled(on), noiseGate.withEnabled(on),
                compressor.withEnabled(on), highShelf.withEnabled(on), lowPass.withEnabled(on),
                softClipper.withEnabled(on));
    }

    public DspSettings withDcBlocker(DcBlocker.Settings s) {
        return new DspSettings(sampleRate, s, noiseGate, compressor, highShelf, lowPass, softClipper);
    }

    public DspSettings withNoiseGate(NoiseGate.Settings s) {
        return new DspSettings(sampleRate, dcBlocker, s, compressor, highShelf, lowPass, softClipper);
    }

    public DspSettings withCompressor(Compressor.Settings s) {
        return new DspSettings(sampleRate, dcBlocker, noiseGate, s, highShelf, lowPass, softClipper);
    }

    public DspSettings withHighShelf(HighShelfFilter.Settings s) {
        return new DspSettings(sampleRate, dcBlocker, noiseGate, compressor, s, lowPass, softClipper);
    }

    public DspSettings withLowPass(LowPassFilter.Settings s) {
        return new DspSettings(sampleRate, dcBlocker, noiseGate, compressor, highShelf, s, softClipper);
    }

    public DspSettings withSoftClipper(SoftClipper.Settings s) {
        return new DspSettings(sampleRate, dcBlocker, noiseGate, compressor, highShelf, lowPass, s);
    }
}
