package org.audiostream.stream.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalSpeechDetectorTest {

    private static final int FRAME = 160;

    private final LocalSpeechDetector detector = new LocalSpeechDetector(-30.0, 300);   // 15 loud frames

    /** A 20 ms frame of a square wave whose RMS level is {@code dbfs}. */
    private static short[] frame(double dbfs) {
        short amplitude = (short) Math.round(32768 * Math.pow(10, dbfs / 20));
        short[] pcm = new short[FRAME];
        for (int i = 0; i < FRAME; i++) {
            pcm[i] = (short) (i % 2 == 0 ? amplitude : -amplitude);
        }
        return pcm;
    }

    /** Feeds frames (a level per frame, null = digital silence) and returns the indexes of the frames that fired. */
    private List<Integer> feed(Double... levels) {
        List<Integer> fired = new ArrayList<>();
        for (int i = 0; i < levels.length; i++) {
            short[] pcm = levels[i] == null ? new short[FRAME] : frame(levels[i]);
            if (detector.onFrame(pcm, FRAME)) {
                fired.add(i);
            }
        }
        return fired;
    }

    private static Double[] run(int frames, Double level) {
        Double[] levels = new Double[frames];
        Arrays.fill(levels, level);
        return levels;
    }

    private static Double[] concat(Double[]... parts) {
        List<Double> all = new ArrayList<>();
        for (Double[] p : parts) {
            all.addAll(Arrays.asList(p));
        }
        return all.toArray(Double[]::new);
    }

    @Test
    void speechFiresOnceOnTheFrameThatCompletesTheMinimumDuration() {
        assertThat(feed(run(40, -20.0))).containsExactly(14);
    }

    @Test
    void aLevelBelowTheThresholdIsNeverSpeech() {
        assertThat(feed(run(100, -31.0))).isEmpty();
        assertThat(feed(run(100, null))).isEmpty();
    }

    @Test
    void aCoughShorterThanTheMinimumDoesNotCount() {
        assertThat(feed(concat(run(14, -10.0), run(3, null), run(14, -10.0)))).isEmpty();
    }

    @Test
    void shortPausesBetweenSyllablesDoNotRestartTheCount() {
        assertThat(feed(concat(run(8, -20.0), run(2, null), run(7, -20.0)))).containsExactly(16);
    }

    @Test
    void itRearmsOnlyAfterTheCallerWasQuiet() {
        Double[] utterance = run(20, -20.0);
        assertThat(feed(concat(utterance, run(5, null), utterance))).as("a pause too short to rearm").containsExactly(14);
        assertThat(feed(concat(run(10, null), utterance))).as("after 200 ms of quiet").containsExactly(24);
    }
}
