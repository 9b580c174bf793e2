package org.audiostream.media.dsp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs the enabled stages, in the fixed order DC blocker → noise gate → compressor → high shelf →
 * low pass → soft clipper, in place over 16-bit frames. Samples are converted to floats (full scale
 * ±1.0) in a preallocated block, so the chain never allocates per frame; the result is rounded and
 * saturated back to 16 bit. A frame of digital silence (all samples zero) is left untouched and
 * resets every stage to its after-a-long-silence state: the filters' memories then match the
 * silence that was output, the gate is closed and the compressor has recovered. Threads: confined to
 * one thread (the session's TTS producer).
 */
public final class DspChain {

    private static final int BLOCK = 1024;
    private static final float TO_FLOAT = 1.0f / 32768.0f;

    private final DspStage[] stages;
    private final float[] block = new float[BLOCK];

    /**
     * @throws IllegalArgumentException if a stage rejects its settings at this sample rate (e.g.
     *     a low-pass cut-off not below Nyquist)
     */
    public DspChain(DspSettings settings) {
        int rate = settings.sampleRate();
        List<DspStage> enabled = new ArrayList<>();
        if (settings.dcBlocker().enabled()) {
            enabled.add(new DcBlocker(settings.dcBlocker()));
        }
        if (settings.noiseGate().enabled()) {
            enabled.add(new NoiseGate(settings.noiseGate(), rate));
        }
        if (settings.compressor().enabled()) {
            enabled.add(new Compressor(settings.compressor(), rate));
        }
        if (settings.highShelf().enabled()) {
            enabled.add(new HighShelfFilter(settings.highShelf(), rate));
        }
        if (settings.lowPass().enabled()) {
            enabled.add(new LowPassFilter(settings.lowPass(), rate));
        }
        if (settings.softClipper().enabled()) {
            enabled.add(new SoftClipper(settings.softClipper()));
        }
        this.stages = enabled.toArray(new DspStage[0]);
    }

    /** Simple names of the enabled stages, in processing order (for the start-up log). */
    public List<String> stageNames() {
        List<String> names = new ArrayList<>(stages.length);
        for (DspStage stage : stages) {
            names.add(stage.getClass().getSimpleName());
        }
        return names;
    }

    /** Processes {@code pcm[off, off + len)} in place. */
    public void process(short[] pcm, int off, int len) {
        Objects.checkFromIndexSize(off, len, pcm.length);
        if (stages.length == 0) {
            return;
        }
        if (isSilent(pcm, off, len)) {
            for (DspStage stage : stages) {
                stage.reset();
            }
            return;
        }
        for (int done = 0; done < len; done += BLOCK) {
            int count = Math.min(BLOCK, len - done);
            int start = off + done;
            for (int i = 0; i < count; i++) {
                block[i] = pcm[start + i] * TO_FLOAT;
            }
            for (DspStage stage : stages) {
                stage.process(block, count);
            }
            for (int i = 0; i < count; i++) {
                long scaled = Math.round(block[i] * 32768.0);
                pcm[start + i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, scaled));
            }
        }
    }

    private static boolean isSilent(short[] pcm, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (pcm[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
