package org.audiostream.call.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JitterBufferTest {

    private static final int SSRC = 0x1234;
    private static final int FRAME = 160;
    /** Default initial delay: 40 ms. */
    private static final int DELAY = 320;

    private final JitterBuffer buffer = new JitterBuffer(JitterBufferConfig.DEFAULT);
    private final short[] frame = new short[FRAME];
    private final List<Short> played = new ArrayList<>();
    private final List<Boolean> real = new ArrayList<>();

    /** Never 0, so that silence is distinguishable from audio. */
    static short sample(long ts) {
        return (short) (1 + Math.floorMod(ts, 20_000));
    }

    private void push(int ssrc, int seq, long ts, int n, boolean marker) {
        short[] pcm = new short[n + 3];
        for (int i = 0; i < n; i++) {
            pcm[3 + i] = sample(ts + i);
        }
        buffer.push(ssrc, seq & 0xFFFF, (int) ts, marker, pcm, 3, n);
    }

    private boolean pull() {
        boolean audio = buffer.pull(frame, 0);
        real.add(audio);
        for (short s : frame) {
            played.add(s);
        }
        return audio;
    }

    /**
     * Plays a stream of {@code packets} packets of {@code ptimeMs} starting at (seq0, ts0), packet k
     * due at k * ptime ms plus {@code delayMs.get(k)}; {@code lost} are never sent, {@code duplicated}
     * are sent twice. Pulls one frame per 20 ms tick for {@code ticks} ticks, pushing before pulling
     * whatever has arrived by the tick.
     */
    private void play(int ptimeMs, int packets, int ticks, int seq0, long ts0,
                      Map<Integer, Integer> delayMs, Set<Integer> lost, Set<Integer> duplicated) {
        int n = ptimeMs * 8;
        List<ArrivalPlan.Arrival> sends = ArrivalPlan.of(ptimeMs, packets, delayMs, lost, duplicated).arrivals();
        int next = 0;
        for (int tick = 0; tick < ticks; tick++) {
            while (next < sends.size() && sends.get(next).arrivalMs() <= tick * 20) {
                int k = sends.get(next++).index();
                push(SSRC, seq0 + k, ts0 + (long) k * n, n, k == 0);
            }
            pull();
        }
    }

    private void play(int ptimeMs, int packets, int ticks) {
        play(ptimeMs, packets, ticks, 1000, 5000, Map.of(), Set.of(), Set.of());
    }

    /** Asserts played sample i is the stream's sample at {@code firstTs - delay + i} (silence before firstTs or in {@code silentTs}). */
    private void assertPlayedShifted(long firstTs, int delay, long endTs, int fromIndex, long silentFrom, long silentTo) {
        for (int i = fromIndex; i < played.size(); i++) {
            long ts = firstTs - delay + i;
            short expected = ts < firstTs || ts >= endTs || (ts >= silentFrom && ts < silentTo) ? 0 : sample(ts);
            assertThat(played.get(i)).as("sample %d (ts %d)", i, ts).isEqualTo(expected);
        }
    }

    @Test
    void playsAnInOrderStreamAfterTheInitialDelay() {
        play(20, 50, 60);

        assertThat(real.subList(0, 2)).containsExactly(false, false);
        assertThat(real.subList(2, 52)).containsOnly(true);
        assertPlayedShifted(5000, DELAY, 5000 + 50 * FRAME, 0, 0, 0);
        assertThat(buffer.concealedFrames()).isZero();
        assertThat(buffer.underrunFrames()).isEqualTo(8);
        assertThat(buffer.packetsReceived()).isEqualTo(50);
        assertThat(buffer.packetsLost()).isZero();
        assertThat(buffer.packetsLate()).isZero();
        assertThat(buffer.targetDelayMs()).isEqualTo(40);
    }

    @ParameterizedTest(name = "ptime {0} ms")
    @ValueSource(ints = {10, 20, 30, 40, 60})
    void playsAnyPacketTimeSampleForSample(int ptimeMs) {
        int packets = 3000 / ptimeMs;
        play(ptimeMs, packets, 160);

        assertPlayedShifted(5000, DELAY, 5000 + 24_000, 0, 0, 0);
        assertThat(real.subList(2, 150)).containsOnly(true);
        assertThat(buffer.concealedFrames()).isZero();
        assertThat(buffer.packetsLate()).isZero();
        assertThat(buffer.packetsReceived()).isEqualTo(packets);
    }

    @Test
    void depthIsTheAudioBufferedAheadOfPlayout() {
        push(SSRC, 1, 0, FRAME, true);
        assertThat(buffer.depthMs()).isEqualTo(60);
        pull();
        assertThat(buffer.depthMs()).isEqualTo(40);
    }

    @Test
    void placesReorderedPacketsByTimestamp() {
        play(20, 50, 60, 1000, 5000, Map.of(5, 30, 20, 30), Set.of(), Set.of());

        assertPlayedShifted(5000, DELAY, 5000 + 50 * FRAME, 0, 0, 0);
        assertThat(buffer.packetsReordered()).isEqualTo(2);
        assertThat(buffer.packetsLost()).isZero();
        assertThat(buffer.concealedFrames()).isZero();
    }

    @Test
    void placesA30msPacketOvertakenByTheNextOne() {
        // packet 8 is due at 240 ms and played from the 280 ms tick; it arrives at 275 ms, after packet 9
        play(30, 100, 110, 1000, 5000, Map.of(8, 35), Set.of(), Set.of());

        assertPlayedShifted(5000, DELAY, 5000 + 100 * 240, 0, 0, 0);
        assertThat(buffer.packetsReordered()).isEqualTo(1);
        assertThat(buffer.concealedFrames()).isZero();
    }

    @Test
    void dropsDuplicates() {
        play(20, 50, 60, 1000, 5000, Map.of(), Set.of(), Set.of(3, 30));

        assertPlayedShifted(5000, DELAY, 5000 + 50 * FRAME, 0, 0, 0);
        assertThat(buffer.packetsDuplicate()).isEqualTo(2);
        assertThat(buffer.packetsReceived()).isEqualTo(52);
    }

    @Test
    void concealsALostPacketWithSilenceAndCountsIt() {
        play(20, 50, 60, 1000, 5000, Map.of(), Set.of(10), Set.of());

        long lostTs = 5000 + 10 * FRAME;
        assertPlayedShifted(5000, DELAY, 5000 + 50 * FRAME, 0, lostTs, lostTs + FRAME);
        assertThat(real.get(12)).isFalse();
        assertThat(buffer.packetsLost()).isEqualTo(1);
        assertThat(buffer.concealedFrames()).isEqualTo(1);
    }

    @Test
    void aLost30msPacketConcealsTheTwoFramesItTouches() {
        play(30, 100, 110, 1000, 5000, Map.of(), Set.of(11), Set.of());

        long lostTs = 5000 + 11 * 240;
        assertPlayedShifted(5000, DELAY, 5000 + 100 * 240, 0, lostTs, lostTs + 240);
        assertThat(buffer.concealedFrames()).isEqualTo(2);
        assertThat(buffer.packetsLost()).isEqualTo(1);
    }

    @Test
    void dropsATooLatePacketAndGrowsTheDelayByOneFrame() {
        // packet 10 is due at tick 12 (10 + 40 ms) but arrives at tick 13
        play(20, 50, 60, 1000, 5000, Map.of(10, 60), Set.of(), Set.of());

        long lateTs = 5000 + 10 * FRAME;
        // up to and including the concealed frame of packet 10 the delay is 40 ms
        for (int i = 0; i < 13 * FRAME; i++) {
            long ts = 5000 - DELAY + i;
            short expected = ts < 5000 || (ts >= lateTs && ts < lateTs + FRAME) ? 0 : sample(ts);
            assertThat(played.get(i)).as("sample %d", i).isEqualTo(expected);
        }
        // tick 13: the stall frame; from tick 14 on the delay is 60 ms
        assertThat(real.get(13)).isFalse();
        for (int i = 14 * FRAME; i < 52 * FRAME; i++) {
            assertThat(played.get(i)).as("sample %d", i).isEqualTo(sample(5000 - DELAY - FRAME + i));
        }
        assertThat(buffer.packetsLate()).isEqualTo(1);
        assertThat(buffer.packetsLost()).isZero();
        assertThat(buffer.concealedFrames()).isEqualTo(2);
        assertThat(buffer.stalledFrames()).isEqualTo(1);
        assertThat(buffer.targetDelayMs()).isEqualTo(60);
    }

    @Test
    void followsSequenceAndTimestampWrapAround() {
        long ts0 = 0xFFFF_FF00L;
        play(20, 50, 60, 65_530, ts0, Map.of(), Set.of(), Set.of());

        assertPlayedShifted(ts0, DELAY, ts0 + 50 * FRAME, 0, 0, 0);
        assertThat(buffer.resyncs()).isZero();
        assertThat(buffer.packetsLost()).isZero();
        assertThat(buffer.sequence().extendedHighest()).isEqualTo(65_536 + (65_530 + 49 - 65_536));
    }

    @Test
    void resynchronisesOnAnSsrcChange() {
        for (int k = 0; k < 10; k++) {
            push(SSRC, 100 + k, 8000 + k * FRAME, FRAME, k == 0);
            pull();
        }
        played.clear();
        for (int k = 0; k < 10; k++) {
            push(SSRC + 1, 7 + k, 900_000 + k * FRAME, FRAME, k == 0);
            pull();
        }

        assertPlayedShifted(900_000, DELAY, 900_000 + 10 * FRAME, 0, 0, 0);
        assertThat(buffer.ssrcChanges()).isEqualTo(1);
        assertThat(buffer.resyncs()).isEqualTo(1);
        assertThat(buffer.packetsLost()).isZero();
    }

    @Test
    void resynchronisesOnATalkSpurtAfterTheBufferRanDry() {
        for (int k = 0; k < 10; k++) {
            push(SSRC, 100 + k, 8000 + k * FRAME, FRAME, k == 0);
            pull();
        }
        for (int i = 0; i < 10; i++) {
            pull(); // 2 frames drain, then 8 underruns
        }
        played.clear();
        long spurt = 8000 + 10 * FRAME + 5 * FRAME; // timestamp jumped less than the silence lasted
        for (int k = 0; k < 10; k++) {
            push(SSRC, 110 + k, spurt + k * FRAME, FRAME, k == 0);
            pull();
        }

        assertPlayedShifted(spurt, DELAY, spurt + 10 * FRAME, 0, 0, 0);
        assertThat(buffer.resyncs()).isEqualTo(1);
        assertThat(buffer.underrunFrames()).isEqualTo(8);
        assertThat(buffer.packetsLate()).isZero();
    }

    @Test
    void resynchronisesOnATimestampJumpWithoutMarker() {
        for (int k = 0; k < 5; k++) {
            push(SSRC, 100 + k, 8000 + k * FRAME, FRAME, false);
            pull();
        }
        played.clear();
        for (int k = 0; k < 5; k++) {
            push(SSRC, 105 + k, 500_000 + k * FRAME, FRAME, false);
            pull();
        }

        assertPlayedShifted(500_000, DELAY, 500_000 + 5 * FRAME, 0, 0, 0);
        assertThat(buffer.resyncs()).isEqualTo(1);
    }

    @Test
    void dropsAVeryLateStragglerWithoutResynchronising() {
        // packet 5 arrives 50 packets (1 s) late: still within the reordering range, far behind playout
        play(20, 60, 70, 1000, 5000, Map.of(5, 1000), Set.of(), Set.of());

        long stragglerTs = 5000 + 5 * FRAME;
        for (int i = 0; i < 54 * FRAME; i++) {
            long ts = 5000 - DELAY + i;
            short expected = ts < 5000 || (ts >= stragglerTs && ts < stragglerTs + FRAME) ? 0 : sample(ts);
            assertThat(played.get(i)).as("sample %d", i).isEqualTo(expected);
        }
        assertThat(buffer.resyncs()).isZero();
        assertThat(buffer.packetsReordered()).isEqualTo(1);
        assertThat(buffer.packetsLate()).isEqualTo(1);
    }

    @Test
    void dropsAReorderedPacketWithAnInconsistentTimestamp() {
        push(SSRC, 10, 8000, FRAME, true);
        push(SSRC, 11, 8000 + FRAME, FRAME, false);
        push(SSRC, 9, 8000 + 100_000, FRAME, false);

        assertThat(buffer.packetsOutOfWindow()).isEqualTo(1);
        assertThat(buffer.resyncs()).isZero();
        assertThat(buffer.depthMs()).isEqualTo(80);
    }

    /** Indexes of played samples where the stream jumps ahead by whole frames (skips), failing on anything else. */
    private List<Integer> skipsIn(List<Short> samples) {
        List<Integer> skips = new ArrayList<>();
        for (int i = 1; i < samples.size(); i++) {
            int previous = samples.get(i - 1);
            int current = samples.get(i);
            if (previous == 0 || current == 0) {
                continue;   // pre-roll or a concealed frame
            }
            int step = Math.floorMod(current - previous, 20_000);
            assertThat(step % FRAME).as("sample %d follows %d: the stream goes on or skips whole frames", i, i - 1)
                    .isEqualTo(1);
            if (step > 1) {
                skips.add(i);
            }
        }
        return skips;
    }

    @Test
    void aDelayThatLatePacketsGrewComesBackOnceTheyStop() {
        // packets 10, 20, 30 and 40 arrive 150 ms late: each is dropped and the target grows a frame, 40 -> 120 ms
        play(20, 520, 500, 1000, 5000, Map.of(10, 150, 20, 150, 30, 150, 40, 150), Set.of(), Set.of());

        assertThat(buffer.packetsLate()).isEqualTo(4);
        assertThat(buffer.stalledFrames()).isEqualTo(4);
        // 100 ticks after the last late packet the target shrinks a frame per second down to the minimum, and the
        // frames held above it are skipped: back at the minimum within 10 s of the last late packet
        assertThat(buffer.targetDelayMs()).isEqualTo(20);
        assertThat(buffer.depthMs()).isLessThanOrEqualTo(40);
        assertThat(buffer.skippedFrames()).isBetween(5L, 6L);
        assertThat(skipsIn(played)).hasSize((int) buffer.skippedFrames());
    }

    @Test
    void aGrownDelayDropsSpeechWhenNoPauseComesWithinASecond() {
        // packets 10, 20 and 30 arrive 150 ms late: 40 -> 100 ms; from ts 19500 the stream is loud (see sample)
        // from tick 140 to beyond 215, so no pause comes while the delay shrinks
        play(20, 260, 230, 1000, 19_500, Map.of(10, 150, 20, 150, 30, 150), Set.of(), Set.of());

        // tick 150: target 80, one frame of excess, which waits for a pause; tick 200: target 60, two frames of
        // excess, and the skip has waited 50 ticks: a loud frame goes
        List<Integer> skips = skipsIn(played);
        assertThat(skips).isNotEmpty();
        assertThat(skips.getFirst() / FRAME).as("tick of the first skip").isBetween(200, 202);
        int skippedFrom = played.get(skips.getFirst() - 1) + 1;
        assertThat(skippedFrom).as("the skipped frame was speech").isGreaterThanOrEqualTo(JitterBuffer.QUIET_PEAK);
    }

    @Test
    void theStartDelaySettlesToTheMinimumOnlyInAPauseAndNotBeforeFiveSeconds() {
        play(20, 700, 680);

        List<Integer> skips = skipsIn(played);
        assertThat(skips).hasSize(1);
        assertThat(skips.getFirst() / FRAME).isGreaterThanOrEqualTo(JitterBuffer.SETTLE_AFTER_QUIET_TICKS);
        int skippedFrom = played.get(skips.getFirst() - 1) + 1;
        assertThat(skippedFrom).as("the skipped frame was a pause").isLessThan(JitterBuffer.QUIET_PEAK);
        assertThat(buffer.targetDelayMs()).isEqualTo(20);
        assertThat(buffer.depthMs()).isEqualTo(20);
    }

    @Test
    void dropsAnOversizedPacket() {
        push(SSRC, 1, 0, 961, true);

        assertThat(buffer.packetsOversized()).isEqualTo(1);
        assertThat(pull()).isFalse();
    }

    @Test
    void countsNonAudioPacketsOfTheStreamAsReceived() {
        push(SSRC, 1, 0, FRAME, true);
        assertThat(buffer.pushNonAudio(SSRC, 2)).isTrue();
        assertThat(buffer.pushNonAudio(SSRC, 2)).isFalse();
        push(SSRC, 3, 2 * FRAME, FRAME, false);

        assertThat(buffer.packetsLost()).isZero();
        assertThat(buffer.packetsDuplicate()).isEqualTo(1);
    }

    @Test
    void pushAndPullAllocateNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        short[] pcm = new short[240];
        for (int i = 0; i < 240; i++) {
            pcm[i] = (short) i;
        }
        int seq = 0;
        long ts = 0;
        for (int round = 0; round < 2; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int tick = 0; tick < 20_000; tick++) {
                if (tick % 3 != 2) { // 30 ms packets: two per three ticks
                    buffer.push(SSRC, seq++ & 0xFFFF, (int) ts, false, pcm, 0, 240);
                    ts += 240;
                }
                buffer.pull(frame, 0);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (round == 1) {
                assertThat(allocated).isZero();
            }
        }
    }
}
