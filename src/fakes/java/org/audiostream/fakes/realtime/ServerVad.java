package org.audiostream.fakes.realtime;

/**
 * The fake's server VAD: speech is audio whose level over a 10 ms frame is above a threshold, tracked on the
 * session's input timeline (milliseconds of audio appended since the session started).
 *
 * <ul>
 *   <li>Level threshold: {@code -70 + 60 × threshold} dBFS (RMS re full scale), so the default 0.5 is
 *       -40 dBFS; digital silence and line noise stay below, a spoken or synthetic voice at -30..-10 dBFS is
 *       above.
 *   <li>Onset: loud frames in a row for the configured onset (20 ms by default); the onset time is the start
 *       of the first.
 *   <li>Offset: {@code silence_duration_ms} without a loud frame; the stop time is the end of that silence,
 *       as the service's {@code audio_end_ms} includes it.
 * </ul>
 *
 * <p>Threads: confined to the session's event loop.
 */
final class ServerVad {

    /** Receives the VAD's decisions synchronously from {@link #feed}. */
    interface Listener {
        void onSpeechStarted(long onsetMs);

        void onSpeechStopped(long audioEndMs);
    }

    static final int FRAME_MS = 10;
    private final Listener listener;
    private final int onsetFrames;
    private double levelThreshold;
    private int silenceMs;

    private int frameRate;
    private int frameFill;
    private double frameSumSquares;
    private double frameStartMs;

    private boolean speaking;
    private int loudRun;
    private double loudRunStartMs;
    private double lastLoudEndMs;

    ServerVad(Listener listener, int onsetMs) {
        this.listener = listener;
        this.onsetFrames = Math.max(1, onsetMs / FRAME_MS);
    }

    /** Applies the settings in force (they may change with every {@code session.update}). */
    void configure(VadSettings settings) {
        double dbfs = -70.0 + 60.0 * settings.threshold();
        levelThreshold = 32768.0 * Math.pow(10.0, dbfs / 20.0);
        silenceMs = settings.silenceDurationMs();
    }

    boolean speaking() {
        return speaking;
    }

    /**
     * Feeds decoded samples that start at {@code startMs} on the input timeline. A change of sample rate drops
     * the partial frame of the old rate.
     */
    void feed(short[] samples, int sampleRate, double startMs) {
        if (sampleRate != frameRate) {
            frameRate = sampleRate;
            frameFill = 0;
            frameSumSquares = 0;
        }
        int frameSamples = sampleRate / 1000 * FRAME_MS;
        double msPerSample = 1000.0 / sampleRate;
        for (int i = 0; i < samples.length; i++) {
            if (frameFill == 0) {
                frameStartMs = startMs + i * msPerSample;
            }
            frameSumSquares += (double) samples[i] * samples[i];
            if (++frameFill == frameSamples) {
                endFrame(Math.sqrt(frameSumSquares / frameSamples) > levelThreshold);
                frameFill = 0;
                frameSumSquares = 0;
            }
        }
    }

    /** Declares speech from {@code nowMs} without audio evidence (a test's or demo's "the caller spoke"). */
    void forceSpeech(double nowMs) {
        loudRun = onsetFrames;
        loudRunStartMs = nowMs;
        lastLoudEndMs = nowMs;
        speaking = true;
    }

    /** Forgets the current turn (commit, clear, or turn detection changed). */
    void reset() {
        speaking = false;
        loudRun = 0;
        frameFill = 0;
        frameSumSquares = 0;
    }

    private void endFrame(boolean loud) {
        double frameEndMs = frameStartMs + FRAME_MS;
        if (loud) {
            if (loudRun++ == 0) {
                loudRunStartMs = frameStartMs;
            }
            lastLoudEndMs = frameEndMs;
            if (!speaking && loudRun >= onsetFrames) {
                speaking = true;
                listener.onSpeechStarted(Math.round(loudRunStartMs));
            }
            return;
        }
        loudRun = 0;
        if (speaking && frameEndMs - lastLoudEndMs >= silenceMs) {
            speaking = false;
            listener.onSpeechStopped(Math.round(frameEndMs));
        }
    }
}
