package org.audiostream.call.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.audiostream.call.rtp.RtcpReportWriterTest.bytes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RtcpCompoundReaderTest {

    private static final int US = 0x55667788;
    private static final int OFFSET = 6;

    private final RtcpCompoundReader reader = new RtcpCompoundReader();
    private final RtcpReport report = new RtcpReport();

    private RtcpCheck read(byte[] packet) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(OFFSET + packet.length + 2);
        buffer.put(OFFSET, packet);
        return reader.read(buffer, OFFSET, packet.length, US, report);
    }

    @Test
    void readsBackAWrittenSenderReport() {
        ByteBuffer buffer = ByteBuffer.allocate(120);
        RtcpSenderInfo info = new RtcpSenderInfo().set(0xE1234567_89ABCDEFL, 0x1000, 0xFFFF_FFF0L, 40_000);
        RtcpReportBlock block = new RtcpReportBlock().set(US, 25, -3, 0x0001_0005, 12, 0xAABBCCDD, 0x0001_0000);
        int n = RtcpReportWriter.write(buffer, 10, 0x11223344, info, block, "host".getBytes(StandardCharsets.US_ASCII));

        assertThat(reader.read(buffer, 10, n, US, report)).isEqualTo(RtcpCheck.VALID);

        assertThat(report.senderSsrc).isEqualTo(0x11223344);
        assertThat(report.hasSenderInfo).isTrue();
        assertThat(report.senderInfo.ntpTimestamp).isEqualTo(0xE1234567_89ABCDEFL);
        assertThat(report.senderInfo.rtpTimestamp).isEqualTo(0x1000);
        assertThat(report.senderInfo.packetCount).isEqualTo(0xFFFF_FFF0L);
        assertThat(report.senderInfo.octetCount).isEqualTo(40_000);
        assertThat(report.hasBlockAboutUs).isTrue();
        assertThat(report.blockAboutUs.fractionLost).isEqualTo(25);
        assertThat(report.blockAboutUs.cumulativeLost).isEqualTo(-3);
        assertThat(report.blockAboutUs.extendedHighestSequence).isEqualTo(0x0001_0005);
        assertThat(report.blockAboutUs.jitter).isEqualTo(12);
        assertThat(report.blockAboutUs.lastSenderReport).isEqualTo(0xAABBCCDD);
        assertThat(report.blockAboutUs.delaySinceLastSenderReport).isEqualTo(0x0001_0000);
        assertThat(report.bye).isFalse();
    }

    @Test
    void readsAReceiverReportWithAByeAndIgnoresBlocksAboutOthers() {
        assertThat(read(bytes(
                0x81, 0xC9, 0x00, 0x07, 0x0A, 0x0B, 0x0C, 0x0D, // RR, one block
                0x01, 0x02, 0x03, 0x04, 0, 0, 0, 9, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, // about someone else
                0x81, 0xCB, 0x00, 0x01, 0x0A, 0x0B, 0x0C, 0x0D))) // BYE
                .isEqualTo(RtcpCheck.VALID);

        assertThat(report.senderSsrc).isEqualTo(0x0A0B0C0D);
        assertThat(report.hasSenderInfo).isFalse();
        assertThat(report.hasBlockAboutUs).isFalse();
        assertThat(report.bye).isTrue();
    }

    @Test
    void acceptsPaddingInTheLastPacket() {
        assertThat(read(bytes(
                0x80, 0xC9, 0x00, 0x01, 0, 0, 0, 1,
                0xA1, 0xCA, 0x00, 0x02, 0, 0, 0, 1, 0, 0, 0, 4))) // SDES padded by 4
                .isEqualTo(RtcpCheck.VALID);
    }

    @Test
    void rejectsAPacketShorterThanACommonHeader() {
        assertThat(read(bytes(0x80, 0xC9, 0x00))).isEqualTo(RtcpCheck.TOO_SHORT);
        assertThat(reader.describeRejection())
                .isEqualTo("RTCP packet rejected: length=3 < 4 bytes of common header (length=3)");
    }

    @Test
    void rejectsACompoundThatDoesNotStartWithAReport() {
        assertThat(read(bytes(0x81, 0xCA, 0x00, 0x01, 0, 0, 0, 1))).isEqualTo(RtcpCheck.FIRST_NOT_REPORT);
        assertThat(reader.describeRejection())
                .isEqualTo("RTCP packet rejected: first packetType=202 is not SR (200) or RR (201) (length=8)");
    }

    @Test
    void rejectsAnotherVersionInALaterPacket() {
        assertThat(read(bytes(0x80, 0xC9, 0x00, 0x01, 0, 0, 0, 1, 0x41, 0xCA, 0x00, 0x01, 0, 0, 0, 1)))
                .isEqualTo(RtcpCheck.BAD_VERSION);
        assertThat(reader.describeRejection()).isEqualTo("RTCP packet rejected: version=1 != 2 (length=16)");
    }

    @Test
    void rejectsALengthThatOverrunsTheCompound() {
        assertThat(read(bytes(0x80, 0xC9, 0x00, 0x02, 0, 0, 0, 1))).isEqualTo(RtcpCheck.LENGTH_OVERRUN);
        assertThat(reader.describeRejection())
                .isEqualTo("RTCP packet rejected: packet needs 12 bytes > 8 left in the compound (length=8)");
    }

    @Test
    void rejectsTrailingBytesThatAreNotAPacket() {
        assertThat(read(bytes(0x80, 0xC9, 0x00, 0x01, 0, 0, 0, 1, 0x80, 0xCA))).isEqualTo(RtcpCheck.TOO_SHORT);
    }

    @Test
    void rejectsPaddingBeforeTheLastPacket() {
        assertThat(read(bytes(0xA0, 0xC9, 0x00, 0x01, 0, 0, 0, 1, 0x81, 0xCA, 0x00, 0x01, 0, 0, 0, 1)))
                .isEqualTo(RtcpCheck.PADDING_NOT_LAST);
        assertThat(reader.describeRejection()).isEqualTo(
                "RTCP packet rejected: padding bit set in the packet at offset=0 before the last (at 16) (length=16)");
    }

    @Test
    void rejectsAPaddingCountLargerThanThePacket() {
        assertThat(read(bytes(0x80, 0xC9, 0x00, 0x01, 0, 0, 0, 1, 0xA1, 0xCA, 0x00, 0x01, 0, 0, 0, 9)))
                .isEqualTo(RtcpCheck.BAD_PADDING);
        assertThat(reader.describeRejection()).isEqualTo(
                "RTCP packet rejected: padding count=9 outside 1..4 (bytes after the common header) (length=16)");
    }

    @Test
    void rejectsMoreReportBlocksThanThePacketHolds() {
        assertThat(read(bytes(0x81, 0xC9, 0x00, 0x01, 0, 0, 0, 1))).isEqualTo(RtcpCheck.REPORT_COUNT_OVERRUN);
        assertThat(reader.describeRejection())
                .isEqualTo("RTCP packet rejected: report blocks need 32 bytes > packet length=8 (length=8)");
    }
}
