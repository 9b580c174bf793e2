package org.audiostream.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sample-exact comparison that the speech tests rely on: what it forgives and what it catches. */
class AudioMatchTest {

    private static final int FRAME = 160;

    private static short[] speechLike(int n) {
        SplittableRandom random = new SplittableRandom(7);
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) random.nextInt(-3000, 3000);
        }
        return s;
    }

    /** {@code lead} zeros, then {@code sent}, then {@code tail} zeros. */
    private static short[] received(int lead, short[] sent, int tail) {
        short[] r = new short[lead + sent.length + tail];
        System.arraycopy(sent, 0, r, lead, sent.length);
        return r;
    }

    private static short[] without(short[] s, int from, int n) {
        short[] out = new short[s.length - n];
        System.arraycopy(s, 0, out, 0, from);
        System.arraycopy(s, from + n, out, from, s.length - from - n);
        return out;
    }

    private static short[] withZerosAt(short[] s, int at, int n) {
        short[] out = new short[s.length + n];
        System.arraycopy(s, 0, out, 0, at);
        System.arraycopy(s, at, out, at + n, s.length - at);
        return out;
    }

    @Test
    void locatesTheSignalAfterLeadingSilenceAndFindsNoDifference() {
        short[] sent = speechLike(8000);
        short[] got = received(1234, sent, 500);
        assertThat(AudioMatch.locate(got, sent, 0)).hasValue(1234);
        AudioMatch.Comparison c = AudioMatch.compare(got, sent, 1234, FRAME);
        assertThat(c.difference()).isNull();
        assertThat(c.skippedFrames()).isZero();
        assertThat(AudioMatch.endOf(sent, 1234, 0, FRAME)).isEqualTo(1234 + 8000);
    }

    @Test
    void aMissingHeadGivesANegativeOffset() {
        short[] sent = speechLike(8000);
        short[] got = Arrays.copyOfRange(sent, 800, sent.length);
        assertThat(AudioMatch.locate(got, sent, 800)).hasValue(-800);
        assertThat(AudioMatch.compare(got, sent, -800, FRAME).difference()).isNull();
    }

    @Test
    void aWholeFrameMissingIsCountedAsSkippedNotAsADifference() {
        short[] sent = speechLike(8000);
        short[] got = received(100, without(sent, 4000, FRAME), 0);
        AudioMatch.Comparison c = AudioMatch.compare(got, sent, 100, FRAME);
        assertThat(c.difference()).isNull();
        assertThat(c.skippedFrames()).isEqualTo(1);
        assertThat(AudioMatch.endOf(sent, 100, 1, FRAME)).isEqualTo(got.length);
    }

    @Test
    void insertedSilenceIsADifferenceThatSaysSo() {
        short[] sent = speechLike(8000);
        short[] got = withZerosAt(received(100, sent, 0), 100 + 4000, FRAME);
        assertThat(AudioMatch.compare(got, sent, 100, FRAME).difference())
                .startsWith("sample 4000 of 8000").contains("160 zero samples follow", "silence inserted");
    }

    @Test
    void oneChangedSampleOrAPartialFrameGapIsADifference() {
        short[] sent = speechLike(8000);
        short[] changed = received(0, sent, 0);
        changed[5000]++;
        assertThat(AudioMatch.compare(changed, sent, 0, FRAME).difference()).startsWith("sample 5000 of 8000");
        short[] partialGap = without(sent, 3000, 100);
        assertThat(AudioMatch.compare(partialGap, sent, 0, FRAME).difference()).startsWith("sample 3000 of 8000");
    }

    @Test
    void framesFoundForgivesConcealedFramesAndCountsWhatIsLeft() {
        short[] sent = speechLike(16_000);   // 100 frames
        short[] damaged = received(320, sent, 0);
        Arrays.fill(damaged, 320 + 10 * FRAME, 320 + 12 * FRAME, (short) 0);     // two frames lost
        short[] shifted = withZerosAt(damaged, 320 + 50 * FRAME, FRAME);          // a frame of silence inserted
        assertThat(AudioMatch.locateAnywhere(shifted, sent)).hasValue(320);
        assertThat(AudioMatch.framesFound(shifted, sent, 320, FRAME, 2)).isEqualTo(0.98);
        assertThat(AudioMatch.framesFound(new short[16_000], sent, 0, FRAME, 2)).isZero();
    }

    @Test
    void locateAnywhereLooksPastADamagedStart() {
        short[] sent = speechLike(16_000);
        short[] got = received(100, sent, 0);
        got[100 + 50]++;   // the first window no longer matches
        assertThat(AudioMatch.locate(got, sent, 0)).isEmpty();
        assertThat(AudioMatch.locateAnywhere(got, sent)).hasValue(100);
    }

    @Test
    void somethingElseEntirelyIsNotFound() {
        assertThat(AudioMatch.locate(speechLike(4000), received(0, new short[] {1}, 4000), 0)).isEmpty();
    }
}
