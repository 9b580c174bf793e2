package org.audiostream.call.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RtcpReportWriterTest {

    private static final byte[] CNAME = "ab".getBytes(StandardCharsets.US_ASCII);

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] written(ByteBuffer buffer, int offset, int length) {
        byte[] out = new byte[length];
        buffer.get(offset, out);
        return out;
    }

    @Test
    void writesASenderReportWithOneBlockAndSdesByteForByte() {
        ByteBuffer buffer = ByteBuffer.allocate(100);
        RtcpSenderInfo info = new RtcpSenderInfo().set(0xE1234567_89ABCDEFL, 0x1000, 250, 40_000);
        RtcpReportBlock block = new RtcpReportBlock().set(0x55667788, 25, 3, 0x0001_0005, 12, 0xAABBCCDD, 0x0001_0000);

        int n = RtcpReportWriter.write(buffer, 4, 0x11223344, info, block, CNAME);

        assertThat(n).isEqualTo(68).isEqualTo(RtcpReportWriter.encodedLength(true, true, CNAME.length));
        assertThat(written(buffer, 4, n)).containsExactly(bytes(
                0x81, 0xC8, 0x00, 0x0C, // V=2 RC=1, SR, length 12 words - 1
                0x11, 0x22, 0x33, 0x44, // SSRC of sender
                0xE1, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF, // NTP timestamp
                0x00, 0x00, 0x10, 0x00, // RTP timestamp
                0x00, 0x00, 0x00, 0xFA, // packet count 250
                0x00, 0x00, 0x9C, 0x40, // octet count 40000
                0x55, 0x66, 0x77, 0x88, // SSRC_1
                0x19, 0x00, 0x00, 0x03, // fraction lost 25/256, cumulative lost 3
                0x00, 0x01, 0x00, 0x05, // extended highest sequence: 1 cycle, seq 5
                0x00, 0x00, 0x00, 0x0C, // jitter 12
                0xAA, 0xBB, 0xCC, 0xDD, // LSR
                0x00, 0x01, 0x00, 0x00, // DLSR: 1 s
                0x81, 0xCA, 0x00, 0x03, // V=2 SC=1, SDES, length 3
                0x11, 0x22, 0x33, 0x44, // chunk SSRC
                0x01, 0x02, 0x61, 0x62, // CNAME, 2 octets, "ab"
                0x00, 0x00, 0x00, 0x00)); // END item and padding to 32 bits
    }

    @Test
    void writesAReceiverReportWithoutBlocksWhenNothingWasSentOrReceived() {
        ByteBuffer buffer = ByteBuffer.allocate(40);

        int n = RtcpReportWriter.write(buffer, 0, 0x01020304, null, null, "abcde".getBytes(StandardCharsets.US_ASCII));

        assertThat(written(buffer, 0, n)).containsExactly(bytes(
                0x80, 0xC9, 0x00, 0x01, 0x01, 0x02, 0x03, 0x04,
                0x81, 0xCA, 0x00, 0x03, 0x01, 0x02, 0x03, 0x04,
                0x01, 0x05, 'a', 'b', 'c', 'd', 'e', 0x00)); // 4+2+5+1 = 12: one END octet, no more padding
    }

    @Test
    void clampsANegativeCumulativeLossTo24Bits() {
        ByteBuffer buffer = ByteBuffer.allocate(80);
        RtcpReportBlock block = new RtcpReportBlock().set(7, 0, -1, 0, 0, 0, 0);

        RtcpReportWriter.write(buffer, 0, 1, null, block, CNAME);

        assertThat(written(buffer, 12, 4)).containsExactly(bytes(0x00, 0xFF, 0xFF, 0xFF));
        assertThat(new RtcpReportBlock().set(7, 0, 1L << 30, 0, 0, 0, 0).cumulativeLost).isEqualTo(0x7FFFFF);
    }

    @Test
    void refusesACnameLongerThanAnSdesItem() {
        assertThatThrownBy(() -> RtcpReportWriter.write(ByteBuffer.allocate(600), 0, 1, null, null, new byte[256]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RTCP CNAME too long: length=256 > 255");
    }

    @Test
    void convertsNtpTimesAndShortUnits() {
        // 1970-01-01T00:00:00.5Z
        assertThat(NtpTime.fromEpochNanos(500_000_000L)).isEqualTo((2_208_988_800L << 32) | 0x8000_0000L);
        assertThat(NtpTime.middle32(0x1122_3344_5566_7788L)).isEqualTo(0x3344_5566);
        assertThat(NtpTime.toShortUnits(1_500_000_000L)).isEqualTo(0x0001_8000);
        assertThat(NtpTime.shortUnitsToNanos(0x0000_8000)).isEqualTo(500_000_000L);
    }
}
