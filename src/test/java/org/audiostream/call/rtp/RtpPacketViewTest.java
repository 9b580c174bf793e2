package org.audiostream.call.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class RtpPacketViewTest {

    private static final PayloadTypeSet PCMU_AND_EVENTS = PayloadTypeSet.of(0, 101);
    private static final int OFFSET = 5;

    private final RtpPacketView view = new RtpPacketView();

    /** A byte array with {@code OFFSET} junk bytes, the packet, and 3 junk bytes after it. */
    private static byte[] framed(int... packet) {
        byte[] bytes = new byte[OFFSET + packet.length + 3];
        java.util.Arrays.fill(bytes, (byte) 0xEE);
        for (int i = 0; i < packet.length; i++) {
            bytes[OFFSET + i] = (byte) packet[i];
        }
        return bytes;
    }

    private static int[] header(int b0, int b1) {
        // seq 0xABCD, ts 0x01020304, ssrc 0xDEADBEEF
        return new int[] {b0, b1, 0xAB, 0xCD, 0x01, 0x02, 0x03, 0x04, 0xDE, 0xAD, 0xBE, 0xEF};
    }

    private static int[] concat(int[]... parts) {
        int n = 0;
        for (int[] p : parts) {
            n += p.length;
        }
        int[] out = new int[n];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private RtpPacketCheck wrap(int... packet) {
        return view.wrap(framed(packet), OFFSET, packet.length, PCMU_AND_EVENTS);
    }

    @Test
    void readsEveryFieldOfAPlainPacketAtAnOffset() {
        assertThat(wrap(concat(header(0x80, 0x80), new int[] {1, 2, 3, 4}))).isEqualTo(RtpPacketCheck.VALID);

        assertThat(view.version()).isEqualTo(2);
        assertThat(view.padding()).isFalse();
        assertThat(view.extension()).isFalse();
        assertThat(view.csrcCount()).isZero();
        assertThat(view.marker()).isTrue();
        assertThat(view.payloadType()).isZero();
        assertThat(view.sequenceNumber()).isEqualTo(0xABCD);
        assertThat(view.timestamp()).isEqualTo(0x01020304);
        assertThat(view.ssrc()).isEqualTo(0xDEADBEEF);
        assertThat(view.payloadOffset()).isEqualTo(OFFSET + 12);
        assertThat(view.payloadLength()).isEqualTo(4);
        byte[] payload = new byte[4];
        view.copyPayload(payload, 0);
        assertThat(payload).containsExactly(1, 2, 3, 4);
    }

    @Test
    void skipsCsrcsExtensionAndPaddingInADirectBuffer() {
        int[] packet = concat(
                header(0x80 | 0x20 | 0x10 | 2, 101),
                new int[] {0, 0, 0, 1, 0, 0, 0, 2},       // 2 CSRCs
                new int[] {0xBE, 0xDE, 0, 1, 9, 9, 9, 9}, // extension, 1 word
                new int[] {7, 8},                          // payload
                new int[] {0, 0, 3});                      // 3 bytes of padding
        ByteBuffer direct = ByteBuffer.allocateDirect(64);
        int offset = 9;
        for (int i = 0; i < packet.length; i++) {
            direct.put(offset + i, (byte) packet[i]);
        }

        assertThat(view.wrap(direct, offset, packet.length, PCMU_AND_EVENTS)).isEqualTo(RtpPacketCheck.VALID);

        assertThat(view.csrcCount()).isEqualTo(2);
        assertThat(view.csrc(1)).isEqualTo(2);
        assertThat(view.extension()).isTrue();
        assertThat(view.padding()).isTrue();
        assertThat(view.marker()).isFalse();
        assertThat(view.payloadType()).isEqualTo(101);
        assertThat(view.payloadOffset()).isEqualTo(offset + 12 + 8 + 8);
        assertThat(view.payloadLength()).isEqualTo(2);
        assertThat(direct.get(view.payloadOffset())).isEqualTo((byte) 7);
    }

    @Test
    void acceptsPaddingThatFillsTheWholeBody() {
        assertThat(wrap(concat(header(0xA0, 0), new int[] {0, 0, 0, 4}))).isEqualTo(RtpPacketCheck.VALID);
        assertThat(view.payloadLength()).isZero();
    }

    @Test
    void rejectsAPacketShorterThanTheFixedHeader() {
        assertThat(wrap(0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0)).isEqualTo(RtpPacketCheck.TOO_SHORT);
        assertThat(view.describeRejection())
                .isEqualTo("RTP packet rejected: length=11 < 12 bytes of fixed header (length=11)");
    }

    @Test
    void rejectsAnotherVersion() {
        assertThat(wrap(concat(header(0x40, 0), new int[160]))).isEqualTo(RtpPacketCheck.BAD_VERSION);
        assertThat(view.describeRejection()).isEqualTo("RTP packet rejected: version=1 != 2 (length=172)");
    }

    @Test
    void rejectsACsrcListThatOverrunsThePacket() {
        assertThat(wrap(concat(header(0x83, 0), new int[8]))).isEqualTo(RtpPacketCheck.CSRC_OVERRUN);
        assertThat(view.describeRejection())
                .isEqualTo("RTP packet rejected: header with its CSRC list needs 24 bytes > length=20 (length=20)");
    }

    @Test
    void rejectsAnExtensionHeaderThatDoesNotFit() {
        assertThat(wrap(concat(header(0x90, 0), new int[] {0xBE, 0xDE}))).isEqualTo(RtpPacketCheck.EXTENSION_OVERRUN);
        assertThat(view.describeRejection()).isEqualTo(
                "RTP packet rejected: header with its extension needs 16 bytes > length=14 (length=14)");
    }

    @Test
    void rejectsAnExtensionLengthThatOverrunsThePacket() {
        assertThat(wrap(concat(header(0x90, 0), new int[] {0xBE, 0xDE, 0, 2, 1, 2, 3, 4})))
                .isEqualTo(RtpPacketCheck.EXTENSION_OVERRUN);
        assertThat(view.describeRejection()).isEqualTo(
                "RTP packet rejected: header with its extension needs 24 bytes > length=20 (length=20)");
    }

    @Test
    void rejectsAZeroPaddingCount() {
        assertThat(wrap(concat(header(0xA0, 0), new int[] {1, 2, 3, 0}))).isEqualTo(RtpPacketCheck.BAD_PADDING);
        assertThat(view.describeRejection()).isEqualTo(
                "RTP packet rejected: padding count=0 outside 1..4 (bytes after the header) (length=16)");
    }

    @Test
    void rejectsAPaddingCountLargerThanTheBody() {
        assertThat(wrap(concat(header(0xA0, 0), new int[] {1, 2, 3, 5}))).isEqualTo(RtpPacketCheck.BAD_PADDING);
        assertThat(view.describeRejection()).isEqualTo(
                "RTP packet rejected: padding count=5 outside 1..4 (bytes after the header) (length=16)");
    }

    @Test
    void rejectsAPayloadTypeThatWasNotNegotiated() {
        assertThat(wrap(concat(header(0x80, 8), new int[160]))).isEqualTo(RtpPacketCheck.PAYLOAD_TYPE_NOT_NEGOTIATED);
        assertThat(view.describeRejection())
                .isEqualTo("RTP packet rejected: payloadType=8 not negotiated (accepted [0, 101]) (length=172)");
    }

    @Test
    void rejectsRtcpMultiplexedOntoTheRtpPort() {
        // an RTCP RR (PT 201) reads as marker=1, payload type 73
        assertThat(wrap(0x81, 201, 0, 7, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0))
                .isEqualTo(RtpPacketCheck.PAYLOAD_TYPE_NOT_NEGOTIATED);
    }

    @Test
    void writerOutputReadsBack() {
        ByteBuffer buffer = ByteBuffer.allocate(40);
        int n = RtpHeaderWriter.write(buffer, 3, true, 101, 65535, 0xFFFFFF00, 0x12345678);

        assertThat(n).isEqualTo(12);
        assertThat(view.wrap(buffer, 3, 12 + 4, PCMU_AND_EVENTS)).isEqualTo(RtpPacketCheck.VALID);
        assertThat(view.marker()).isTrue();
        assertThat(view.payloadType()).isEqualTo(101);
        assertThat(view.sequenceNumber()).isEqualTo(65535);
        assertThat(view.timestamp()).isEqualTo(0xFFFFFF00);
        assertThat(view.ssrc()).isEqualTo(0x12345678);
        assertThat(buffer.position()).isZero();
        byte[] raw = new byte[12];
        buffer.get(3, raw);
        assertThat(raw).containsExactly(0x80, 0x80 | 101, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x12, 0x34, 0x56, 0x78);
    }
}
