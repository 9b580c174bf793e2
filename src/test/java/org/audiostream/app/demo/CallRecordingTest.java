package org.audiostream.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.audiostream.media.G711Law;
import org.junit.jupiter.api.Test;

class CallRecordingTest {

    private static final long MS = 1_000_000L;
    private static final int SSRC = 0x1234;

    private final CallRecording recording = new CallRecording(0, 8_000);

    /** A 160-sample PCMU payload whose samples all decode to one value, different per {@code level}. */
    private static byte[] payload(int level) {
        byte[] p = new byte[160];
        Arrays.fill(p, G711Law.PCMU.encode((short) (level * 1000)));
        return p;
    }

    private static short decoded(int level) {
        return G711Law.PCMU.decode(G711Law.PCMU.encode((short) (level * 1000)));
    }

    private void add(int ssrc, int timestamp, long arrivalMs, int level) {
        recording.add(ssrc, timestamp, arrivalMs * MS, payload(level), 0, 160);
    }

    private void assertBlock(short[] samples, int from, int level) {
        short[] expected = new short[160];
        Arrays.fill(expected, decoded(level));
        assertThat(Arrays.copyOfRange(samples, from, from + 160)).as("samples from %d", from).containsExactly(expected);
    }

    @Test
    void theFirstPacketAnchorsOnArrivalAndLaterOnesGoByTimestamp() {
        add(SSRC, 1000, 100, 1);      // 100 ms = sample 800
        add(SSRC, 1160, 125, 2);      // 5 ms late: still right after the first
        add(SSRC, 1480, 170, 3);      // one packet lost in between: a silent gap

        short[] s = recording.samples();

        assertThat(s).hasSize(800 + 640);
        assertBlock(s, 800, 1);
        assertBlock(s, 960, 2);
        assertBlock(s, 1120, 0);
        assertBlock(s, 1280, 3);
    }

    @Test
    void aPacketEarlierThanPredictedMovesTheWholeStreamBack() {
        add(SSRC, 5000, 110, 1);      // the anchor packet was 10 ms late: sample 880
        add(SSRC, 5160, 120, 2);      // arrives at sample 960, predicted 1040: the anchor was 80 samples late

        short[] s = recording.samples();

        assertThat(s).hasSize(1120);
        assertBlock(s, 800, 1);       // the anchor packet moves back with the stream: it stays continuous
        assertBlock(s, 960, 2);
        add(SSRC, 5320, 141, 3);      // predicted 1120 now, arrival 1128: placed by timestamp
        assertBlock(recording.samples(), 1120, 3);
    }

    @Test
    void aStreamStaysContinuousWhenItsFastestPacketComesLate() {
        for (int i = 0; i < 10; i++) {
            add(SSRC, 160 * i, 100 + 20 * i + 3, i + 1);     // 3 ms of delay each
        }
        add(SSRC, 1600, 300, 11);     // the first packet without delay, mid-stream: everything moves back 3 ms

        short[] s = recording.samples();

        for (int i = 0; i <= 10; i++) {
            assertBlock(s, 800 + 160 * i, i + 1);
        }
    }

    @Test
    void timestampsWrapAround() {
        add(SSRC, -160, 100, 1);      // 0xFFFFFF60
        add(SSRC, 0, 120, 2);

        short[] s = recording.samples();

        assertBlock(s, 800, 1);
        assertBlock(s, 960, 2);
    }

    @Test
    void aNewSsrcOrATimestampJumpReanchorsOnArrival() {
        add(SSRC, 1000, 100, 1);
        add(SSRC + 1, 777_777, 200, 2);     // new source: sample 1600
        add(SSRC + 1, 777_777 + 160 + 8_000, 260, 3);   // timestamp jumps by 1 s: re-anchored at 2080

        short[] s = recording.samples();

        assertBlock(s, 800, 1);
        assertBlock(s, 1600, 2);
        assertBlock(s, 2080, 3);
    }

    @Test
    void packetsOutsideTheRecordingAreCountedNotWritten() {
        add(SSRC, 1000, 995, 1);      // sample 7960: its last 120 samples would not fit
        assertThat(recording.packetsOutside()).isEqualTo(1);
        assertThat(recording.samples()).isEmpty();
    }
}
