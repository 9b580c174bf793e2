package org.audiostream.call.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.audiostream.call.rtp.RtpSequenceTracker.Outcome.DUPLICATE;
import static org.audiostream.call.rtp.RtpSequenceTracker.Outcome.IN_ORDER;
import static org.audiostream.call.rtp.RtpSequenceTracker.Outcome.JUMP;
import static org.audiostream.call.rtp.RtpSequenceTracker.Outcome.REORDERED;
import static org.audiostream.call.rtp.RtpSequenceTracker.Outcome.RESTARTED;

import org.junit.jupiter.api.Test;

class RtpSequenceTrackerTest {

    private final RtpSequenceTracker tracker = new RtpSequenceTracker();

    @Test
    void extendsTheSequenceAcrossTheWrap() {
        assertThat(tracker.update(65534)).isEqualTo(IN_ORDER);
        assertThat(tracker.update(65535)).isEqualTo(IN_ORDER);
        assertThat(tracker.update(0)).isEqualTo(IN_ORDER);
        assertThat(tracker.update(1)).isEqualTo(IN_ORDER);

        assertThat(tracker.extendedHighest()).isEqualTo(65536 + 1);
        assertThat(tracker.cumulativeLost()).isZero();
    }

    @Test
    void countsGapsAsLossUntilTheyAreFilled() {
        tracker.update(10);
        tracker.update(13);
        assertThat(tracker.cumulativeLost()).isEqualTo(2);

        assertThat(tracker.update(11)).isEqualTo(REORDERED);
        assertThat(tracker.cumulativeLost()).isEqualTo(1);
        assertThat(tracker.reordered()).isEqualTo(1);
    }

    @Test
    void recognisesDuplicatesOfTheNewestAndOfOlderPackets() {
        tracker.update(65535);
        tracker.update(0);
        tracker.update(2);

        assertThat(tracker.update(2)).isEqualTo(DUPLICATE);
        assertThat(tracker.update(65535)).isEqualTo(DUPLICATE);
        assertThat(tracker.update(1)).isEqualTo(REORDERED);
        assertThat(tracker.update(1)).isEqualTo(DUPLICATE);
        assertThat(tracker.duplicates()).isEqualTo(3);
        assertThat(tracker.cumulativeLost()).isZero();
    }

    @Test
    void restartsAfterTwoSequentialPacketsFarAway() {
        tracker.update(100);
        tracker.update(101);

        assertThat(tracker.update(30_000)).isEqualTo(JUMP);
        assertThat(tracker.update(30_001)).isEqualTo(RESTARTED);
        assertThat(tracker.update(30_002)).isEqualTo(IN_ORDER);
        assertThat(tracker.extendedHighest()).isEqualTo(30_002);
        assertThat(tracker.jumps()).isEqualTo(1);
        assertThat(tracker.totalLost()).isZero();
    }

    @Test
    void computesTheFractionLostPerReportInterval() {
        for (int seq = 0; seq < 100; seq++) {
            if (seq % 4 != 3) {
                tracker.update(seq);
            }
        }
        // 99 expected (0..98), 75 received -> 24 lost -> 24 * 256 / 99 = 62
        assertThat(tracker.fractionLostSinceLastReport()).isEqualTo(62);
        tracker.update(100);
        // interval: 2 expected (99, 100), 1 received -> 1 * 256 / 2
        assertThat(tracker.fractionLostSinceLastReport()).isEqualTo(128);
        assertThat(tracker.fractionLostSinceLastReport()).isZero();
    }

    @Test
    void keepsTotalLossAcrossAReset() {
        tracker.update(1);
        tracker.update(4);
        tracker.reset();
        tracker.update(500);
        tracker.update(502);

        assertThat(tracker.totalLost()).isEqualTo(3);
        assertThat(tracker.cumulativeLost()).isEqualTo(1);
    }
}
