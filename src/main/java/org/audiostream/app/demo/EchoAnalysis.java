package org.audiostream.app.demo;

import org.audiostream.media.G711Law;

/**
 * Where, and how faithfully, the prompt came back in what the caller heard: the lag that maximises
 * the cross-correlation of the two 8 kHz signals on the caller's timeline, and the normalised
 * correlation at that lag (1.0 = the same waveform up to gain; G.711 twice and two resamplings keep
 * speech well above 0.9). Also how much of a signal is audible at all.
 * Threads: stateless.
 */
public final class EchoAnalysis {

    /** The echo found: its delay and how alike it is to what was sent. */
    public record Echo(int lagSamples, double correlation) {
        public long lagMillis() {
            return lagSamples * 1000L / G711Law.SAMPLE_RATE;
        }
    }

    private static final int BLOCK = G711Law.SAMPLE_RATE / 50;
    /** -40 dBFS RMS: quieter 20 ms blocks count as silence (µ-law's idle noise is far below). */
    private static final double AUDIBLE_RMS = 32768 * 0.01;

    private EchoAnalysis() {
    }

    /**
     * Searches lags {@code 0..maxLag} samples for the largest cross-correlation of {@code heard}
     * against {@code sent}; correlation 0 when nothing overlaps or either signal is silent.
     */
    public static Echo locate(short[] sent, short[] heard, int maxLag) {
        int bestLag = 0;
        long best = Long.MIN_VALUE;
        for (int lag = 0; lag <= Math.min(maxLag, heard.length - 1); lag++) {
            int n = Math.min(sent.length, heard.length - lag);
            long dot = 0;
            for (int i = 0; i < n; i++) {
                dot += sent[i] * heard[lag + i];
            }
            if (dot > best) {
                best = dot;
                bestLag = lag;
            }
        }
        if (best <= 0) {
            return new Echo(bestLag, 0.0);
        }
        int n = Math.min(sent.length, heard.length - bestLag);
        double sentEnergy = 0;
        double heardEnergy = 0;
        for (int i = 0; i < n; i++) {
            sentEnergy += (double) sent[i] * sent[i];
            heardEnergy += (double) heard[bestLag + i] * heard[bestLag + i];
        }
        return new Echo(bestLag, best / Math.sqrt(sentEnergy * heardEnergy));
    }

    /** Milliseconds of {@code pcm} (8 kHz) in 20 ms blocks louder than -40 dBFS RMS. */
    public static long audibleMillis(short[] pcm) {
        return audibleMillis(pcm, 0);
    }

    /** As {@link #audibleMillis(short[])}, counting from sample {@code from} on. */
    public static long audibleMillis(short[] pcm, int from) {
        long blocks = 0;
        for (int start = from; start + BLOCK <= pcm.length; start += BLOCK) {
            if (audible(pcm, start)) {
                blocks++;
            }
        }
        return blocks * 20;
    }

    /** The first sample of the first audible 20 ms block at or after {@code from}, or -1 if there is none. */
    public static int firstAudible(short[] pcm, int from) {
        for (int start = from; start + BLOCK <= pcm.length; start += BLOCK) {
            if (audible(pcm, start)) {
                return start;
            }
        }
        return -1;
    }

    /** The sample after the last audible 20 ms block (0 if nothing is audible). */
    public static int audibleEnd(short[] pcm) {
        int end = 0;
        for (int start = 0; start + BLOCK <= pcm.length; start += BLOCK) {
            if (audible(pcm, start)) {
                end = start + BLOCK;
            }
        }
        return end;
    }

    private static boolean audible(short[] pcm, int start) {
        double energy = 0;
        for (int i = start; i < start + BLOCK; i++) {
            energy += (double) pcm[i] * pcm[i];
        }
        return Math.sqrt(energy / BLOCK) > AUDIBLE_RMS;
    }
}
