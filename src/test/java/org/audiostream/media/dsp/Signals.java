package org.audiostream.media.dsp;

/** Test signals and level measurement for the DSP tests. */
final class Signals {

    private Signals() {
    }

    /** A sine whose peak is {@code levelDb} dBFS (full-scale sine = 0 dBFS). */
    static short[] sine(int rate, double hz, double levelDb, int samples) {
        double amplitude = 32767 * Math.pow(10, levelDb / 20);
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return pcm;
    }

    /** Runs the chain over the signal in 20 ms frames, as the inject path does. */
    static short[] processInFrames(DspChain chain, short[] pcm, int rate) {
        short[] out = pcm.clone();
        int frame = rate / 50;
        for (int off = 0; off < out.length; off += frame) {
            chain.process(out, off, Math.min(frame, out.length - off));
        }
        return out;
    }

    /** Level of {@code pcm[from, to)} as the peak of the sine with the same RMS, in dBFS. */
    static double levelDb(short[] pcm, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        double rms = Math.sqrt(sum / (to - from));
        return 20 * Math.log10(rms * Math.sqrt(2) / 32767);
    }

    /** Mean of {@code pcm[from, to)} in sample units. */
    static double mean(short[] pcm, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += pcm[i];
        }
        return sum / (to - from);
    }

    /** Settings with every stage disabled except the ones the test then enables. */
    static DspSettings nothingEnabled(int rate) {
        return DspSettings.defaults(rate).withAllEnabled(false);
    }
}
