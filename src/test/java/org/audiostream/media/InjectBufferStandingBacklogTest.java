package org.audiostream.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The inject buffer's standing-backlog rule: a live stream that a stall left behind is cut back to the
 * prebuffer in whole frames within two windows, while audio written faster than real time plays in full.
 */
class InjectBufferStandingBacklogTest {

    private static final int FRAME = 160; // 20 ms at 8 kHz
    private static final int PREBUFFER_MS = 60;
    private static final int PREBUFFER = 480;

    private final InjectBuffer buffer = new InjectBuffer(5000, PREBUFFER_MS, 8000, InjectListener.NONE);
    private final short[] frame = new short[FRAME];
    private short next;
    private long played;

    /** One 20 ms tick of a live app: {@code frames} frames arrive, then the clock plays one. */
    private void tick(int frames) {
        for (int f = 0; f < frames; f++) {
            short[] pcm = new short[FRAME];
            for (int i = 0; i < FRAME; i++) {
                pcm[i] = next++;
            }
            buffer.write(pcm, 0, FRAME, 0);
        }
        int n = buffer.read(frame, 0, FRAME);
        played += n;
        for (int i = 1; i < n; i++) {
            assertThat((short) (frame[i] - frame[i - 1])).as("a played frame is one written frame, never cut").isEqualTo((short) 1);
        }
    }

    private void ticks(int count, int framesEach) {
        for (int i = 0; i < count; i++) {
            tick(framesEach);
        }
    }

    @Test
    void aBurstLeftByA300MsStallIsCutBackToThePrebufferWithinTwoSeconds() {
        buffer.trimLiveBacklog(true);
        ticks(100, 1);
        long steady = buffer.inUseSamples();
        assertThat(steady).isLessThanOrEqualTo(PREBUFFER);

        ticks(15, 0);                  // the app stalls for 300 ms: playout runs dry
        tick(15);                      // its 15 answers arrive at once
        assertThat(buffer.inUseSamples()).as("the burst on top of the prebuffer").isGreaterThan(PREBUFFER + 10 * FRAME);
        ticks(99, 1);                  // 2 s of live stream again

        assertThat(buffer.inUseSamples()).as("back at the prebuffer").isLessThanOrEqualTo(PREBUFFER + FRAME);
        InjectStats stats = buffer.stats();
        assertThat(stats.trims()).isEqualTo(1);
        assertThat(stats.samplesDroppedByTrim()).isPositive().isEqualTo(stats.samplesDroppedByTrim() / FRAME * FRAME);
        assertThat(stats.standingSamples()).isLessThanOrEqualTo(PREBUFFER + FRAME);
    }

    @Test
    void withoutTrimmingTheBurstStandsForeverAndIsReported() {
        ticks(100, 1);
        ticks(15, 0);
        tick(15);
        ticks(200, 1);

        assertThat(buffer.inUseSamples()).isGreaterThan(PREBUFFER + 10 * FRAME);
        assertThat(buffer.stats().standingSamples()).isGreaterThan(PREBUFFER + 10 * FRAME);
        assertThat(buffer.stats().trims()).isZero();
    }

    @Test
    void fiveSecondsOfTtsWrittenAtOncePlayInFull() {
        buffer.trimLiveBacklog(true);
        tick(249);
        ticks(300, 0);

        assertThat(played).isEqualTo(249L * FRAME);
        assertThat(buffer.stats().trims()).isZero();
    }

    @Test
    void ttsStreamedAtTwiceRealTimePlaysInFull() {
        buffer.trimLiveBacklog(true);
        ticks(150, 2);                 // 6 s of audio in 3 s
        ticks(350, 0);

        assertThat(played).isEqualTo(300L * FRAME);
        assertThat(buffer.stats().trims()).isZero();
    }

    @Test
    void aLiveStreamAtThePrebufferIsNeverTrimmed() {
        buffer.trimLiveBacklog(true);
        ticks(1000, 1);

        assertThat(buffer.stats().trims()).isZero();
        assertThat(played).isEqualTo(1000L * FRAME - buffer.inUseSamples());
    }
}
