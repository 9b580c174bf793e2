package org.audiostream.stream.ai.tts;

import org.audiostream.media.InjectBuffer;
import org.audiostream.media.PolyphaseResampler;
import org.audiostream.media.dsp.DspChain;
import org.audiostream.media.dsp.DspSettings;
import org.audiostream.stream.ai.PlayoutFeeder;

/**
 * TTS audio on its way to the caller: decoded, resampled to the call's rate when the provider could not send it
 * (OpenAI's 24 kHz, espeak-ng's 22,050 Hz), through the DSP chain (its cost timed per call), then into the inject
 * buffer through a {@link PlayoutFeeder} (a synthesis arrives faster than real time). Scratch arrays grow to the
 * largest chunk and are reused.
 *
 * <p>Threads: confined to the engine's event loop (the inject buffer's single producer).
 */
final class TtsPlayout {

    /** Audio that may wait beyond the inject buffer: a few long sentences synthesised ahead. */
    static final int MAX_PENDING_MS = 120_000;

    private final PlayoutFeeder feeder;
    private final DspChain dsp;
    private final int codecRate;
    private final TtsCounters counters;
    private short[] decoded = new short[0];
    private short[] resampled = new short[0];
    private PolyphaseResampler resampler;

    TtsPlayout(InjectBuffer inject, DspSettings dsp, TtsCounters counters) {
        this.codecRate = inject.sampleRate();
        this.feeder = new PlayoutFeeder(inject, codecRate, MAX_PENDING_MS);
        this.dsp = new DspChain(dsp);
        this.counters = counters;
    }

    /**
     * Plays {@code data[off, off + len)} of a synthesis decoded by {@code decoder} as part of {@code responseId}.
     *
     * @return false if the audio was dropped because the waiting room is full
     */
    boolean play(String responseId, TtsAudioDecoder decoder, TtsFormat format, byte[] data, int off, int len) {
        int max = TtsAudioDecoder.maxSamples(len);
        if (decoded.length < max) {
            decoded = new short[max];
        }
        int n = decoder.decode(data, off, len, decoded);
        short[] pcm = decoded;
        if (format.sampleRate() != codecRate) {
            if (resampler == null || resampler.inputRate() != format.sampleRate()) {
                resampler = PolyphaseResampler.create(format.sampleRate(), codecRate, PolyphaseResampler.Quality.STANDARD);
            }
            int out = resampler.maxOutput(n);
            if (resampled.length < out) {
                resampled = new short[out];
            }
            n = resampler.process(decoded, 0, n, resampled, 0);
            pcm = resampled;
        }
        return playSamples(responseId, pcm, n);
    }

    /** Plays samples already at the call's rate (the error tone). */
    boolean playSamples(String responseId, short[] pcm, int n) {
        long start = System.nanoTime();
        dsp.process(pcm, 0, n);
        counters.dspNanos.addAndGet(System.nanoTime() - start);
        counters.dspFrames.addAndGet(n / (codecRate / 50));
        return feeder.write(responseId, pcm, n);
    }

    /** @return true while audio still waits for room in the inject buffer */
    boolean topUp() {
        return feeder.topUp();
    }

    boolean hasPending() {
        return feeder.hasPending();
    }

    /** Barge-in: drops what waits (the engine has cleared the inject buffer) and the resampler's history. */
    void clear() {
        feeder.clearPending();
        if (resampler != null) {
            resampler.reset();
        }
    }
}
