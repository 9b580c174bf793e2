package org.audiostream.stream.ai;

/**
 * The optional local barge-in detector: caller speech as the gateway hears it, before the server's VAD reports
 * it one network round trip and a few hundred milliseconds of analysis later. A frame is loud when its RMS level
 * reaches the threshold; speech is {@code minSpeechMs} of loud frames, with gaps of at most {@value #MAX_GAP_FRAMES}
 * quiet frames between them (the pauses between syllables), so a cough, a click or a short backchannel ("mm-hm")
 * shorter than the minimum does not count. It fires once per utterance and is ready again after
 * {@value #REARM_QUIET_FRAMES} quiet frames in a row.
 *
 * <p>Threads: confined to the session's clock shard. Allocation-free.
 */
final class LocalSpeechDetector {

    static final int MAX_GAP_FRAMES = 2;
    static final int REARM_QUIET_FRAMES = 10;

    private final double thresholdSumSquaresPerSample;
    private final int minLoudFrames;
    private int loudFrames;
    private int quietRun;
    private boolean fired;

    /**
     * @param thresholdDbfs RMS level of a loud frame, in dB relative to a full-scale square wave
     * @param minSpeechMs   loud audio that makes speech, counted in 20 ms frames
     */
    LocalSpeechDetector(double thresholdDbfs, int minSpeechMs) {
        double rms = 32768.0 * Math.pow(10.0, thresholdDbfs / 20.0);
        this.thresholdSumSquaresPerSample = rms * rms;
        this.minLoudFrames = Math.max(1, minSpeechMs / 20);
    }

    /** Takes one 20 ms frame; true on the frame where speech is established. */
    boolean onFrame(short[] pcm, int samples) {
        long sumSquares = 0;
        for (int i = 0; i < samples; i++) {
            sumSquares += pcm[i] * pcm[i];
        }
        if (sumSquares >= thresholdSumSquaresPerSample * samples) {
            quietRun = 0;
            loudFrames++;
            if (!fired && loudFrames >= minLoudFrames) {
                fired = true;
                return true;
            }
            return false;
        }
        quietRun++;
        if (quietRun > MAX_GAP_FRAMES) {
            loudFrames = 0;
        }
        if (quietRun >= REARM_QUIET_FRAMES) {
            fired = false;
        }
        return false;
    }
}
