package org.audiostream.call.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RtcpSessionTest {

    private static final long SECOND = 1_000_000_000L;
    private static final int US = 0x0A0A0A0A;

    private final RtcpSession session = new RtcpSession(US, "c".getBytes(), 5 * SECOND, 0, new SplittableRandom(7));
    private final ByteBuffer out = ByteBuffer.allocate(200);
    private final RtcpCompoundReader reader = new RtcpCompoundReader();
    private final RtcpReport report = new RtcpReport();

    private RtcpReport write(long now, long packetsSent) {
        out.clear();
        int n = session.writeReport(out, now, packetsSent, packetsSent * 160, 1234, null);
        assertThat(reader.read(out, 0, n, US, report)).isEqualTo(RtcpCheck.VALID);
        return report;
    }

    @Test
    void sendsAReceiverReportUntilWeSendAndTwoReportsAfterWeStop() {
        session.start(0);

        assertThat(write(SECOND, 0).hasSenderInfo).isFalse();
        assertThat(write(2 * SECOND, 50).hasSenderInfo).isTrue();
        assertThat(write(3 * SECOND, 50).hasSenderInfo).as("sent since the report before the last").isTrue();
        assertThat(write(4 * SECOND, 50).hasSenderInfo).isFalse();
        assertThat(report.senderSsrc).isEqualTo(US);
        assertThat(session.reportsSent()).isEqualTo(4);
    }

    @Test
    void schedulesReportsAtTheRandomisedInterval() {
        session.start(0);
        long first = firstDue(0);
        assertThat(first).isBetween(1_250_000_000L, 3_750_000_000L);

        write(first, 0);
        long second = firstDue(first);
        assertThat(second - first).isBetween(2_500_000_000L, 7_500_000_000L);
    }

    /** The first 10 ms step after {@code from} at which a report is due. */
    private long firstDue(long from) {
        long t = from;
        while (!session.due(t)) {
            t += 10_000_000L;
        }
        return t;
    }

    @Test
    void echoesTheLastSenderReportOfTheReportedSource() {
        session.start(0);
        ByteBuffer sr = ByteBuffer.allocate(100);
        int n = RtcpReportWriter.write(sr, 0, 0x77, new RtcpSenderInfo().set(0x0000_AAAA_BBBB_0000L, 0, 1, 160),
                null, "p".getBytes());
        assertThat(session.onPacket(sr, 0, n, SECOND)).isEqualTo(RtcpCheck.VALID);

        RtcpReportBlock block = new RtcpReportBlock().set(0x77, 0, 0, 10, 0, 0, 0);
        out.clear();
        session.writeReport(out, SECOND + SECOND / 2, 0, 0, 0, block);

        assertThat(block.lastSenderReport).isEqualTo(0xAAAA_BBBB);
        assertThat(block.delaySinceLastSenderReport).isEqualTo(0x8000); // 0.5 s
        RtcpReportBlock other = new RtcpReportBlock().set(0x78, 0, 0, 10, 0, 0, 0);
        session.writeReport(out.clear(), 2 * SECOND, 0, 0, 0, other);
        assertThat(other.lastSenderReport).isZero();
    }

    @Test
    void countsInvalidCompounds() {
        assertThat(session.onPacket(ByteBuffer.wrap(new byte[] {(byte) 0x80, (byte) 202, 0, 0}), 0, 4, 0))
                .isEqualTo(RtcpCheck.FIRST_NOT_REPORT);
        assertThat(session.invalidReceived()).isEqualTo(1);
        assertThat(session.reportsReceived()).isZero();
    }
}
