package org.audiostream.session;

import org.audiostream.media.InjectBuffer;
import org.audiostream.media.PolyphaseResampler;

/**
 * Producer side of the inject path: audio from the stream target (L16 little-endian bytes at any
 * rate from 8000 to 96000 Hz, mono or stereo) is down-mixed to mono, resampled to the call's codec
 * rate and queued in the {@link InjectBuffer}. A rate the resampler does not take exactly is played as
 * the nearest one it does ({@link PolyphaseResampler#nearestSupported}). Sample-exact: an odd trailing byte is the only thing ever
 * dropped (counted by the caller), and resampler state carries across messages of the same rate.
 *
 * <p>Threads: the single producer of its InjectBuffer (the stream target's I/O thread). Scratch
 * arrays grow to the largest message seen and are then reused, so steady state does not allocate.
 */
public final class InjectWriter {

    private final InjectBuffer buffer;
    private final int codecRate;
    private PolyphaseResampler resampler;
    private int resamplerInputRate;
    private short[] mono = new short[0];
    private short[] resampled = new short[0];

    public InjectWriter(InjectBuffer buffer) {
        this.buffer = buffer;
        this.codecRate = buffer.sampleRate();
    }

    /**
     * Queues {@code pcm[off, off + len)} bytes of L16 LE audio.
     *
     * @return samples (mono, at the codec rate) queued
     */
    public int writeL16(byte[] pcm, int off, int len, int sampleRate, int channels, long nowNanos) {
        int frames = len / (2 * channels);
        ensureMono(frames);
        for (int i = 0; i < frames; i++) {
            int p = off + i * 2 * channels;
            int left = (short) ((pcm[p] & 0xff) | (pcm[p + 1] << 8));
            if (channels == 2) {
                int right = (short) ((pcm[p + 2] & 0xff) | (pcm[p + 3] << 8));
                mono[i] = (short) ((left + right) >> 1);
            } else {
                mono[i] = (short) left;
            }
        }
        return writeMono(mono, frames, sampleRate, nowNanos);
    }

    /** Queues mono samples at {@code sampleRate}. */
    public int writeMono(short[] samples, int count, int sampleRate, long nowNanos) {
        if (sampleRate == codecRate) {
            buffer.write(samples, 0, count, nowNanos);
            return count;
        }
        if (resampler == null || resamplerInputRate != sampleRate) {
            resampler = PolyphaseResampler.create(PolyphaseResampler.nearestSupported(sampleRate), codecRate,
                    PolyphaseResampler.Quality.STANDARD);
            resamplerInputRate = sampleRate;
        }
        int max = resampler.maxOutput(count);
        if (resampled.length < max) {
            resampled = new short[max];
        }
        int n = resampler.process(samples, 0, count, resampled, 0);
        buffer.write(resampled, 0, n, nowNanos);
        return n;
    }

    private void ensureMono(int frames) {
        if (mono.length < frames) {
            mono = new short[frames];
        }
    }
}
