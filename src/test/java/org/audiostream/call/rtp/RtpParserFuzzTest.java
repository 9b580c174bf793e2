package org.audiostream.call.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.audiostream.testing.Mutator;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 finding 10, unit level: mutated RTP packets and RTCP compounds are classified (valid, or the rule
 * they break) without an exception, and what a valid RTP packet claims stays inside the datagram.
 */
class RtpParserFuzzTest {

    private static final long SEED = 14_10_02L;
    private static final int US = 0x1234_5678;

    private static byte[] rtp(int payloadType, int payloadLength, boolean extension, int csrcs, int padding) {
        ByteBuffer b = ByteBuffer.allocate(12 + 4 * csrcs + (extension ? 8 : 0) + payloadLength + padding);
        b.put((byte) (0x80 | (padding > 0 ? 0x20 : 0) | (extension ? 0x10 : 0) | csrcs)).put((byte) payloadType)
                .putShort((short) 7).putInt(160).putInt(0x0BADCAFE);
        for (int i = 0; i < csrcs; i++) {
            b.putInt(i);
        }
        if (extension) {
            b.putShort((short) 0xBEDE).putShort((short) 1).putInt(0);
        }
        b.put(new byte[payloadLength]);
        if (padding > 0) {
            b.put(new byte[padding - 1]).put((byte) padding);
        }
        return b.array();
    }

    private static byte[] rtcpSenderReport() {
        ByteBuffer b = ByteBuffer.allocate(52 + 12);
        b.put((byte) 0x81).put((byte) 200).putShort((short) 12).putInt(0x0BADCAFE)
                .putLong(0xE1234567_89ABCDEFL).putInt(160).putInt(10).putInt(1600)
                .putInt(US).putInt(0x0100_0005).putInt(0x0001_0005).putInt(12).putInt(0).putInt(0);
        b.put((byte) 0x81).put((byte) 202).putShort((short) 2).putInt(0x0BADCAFE).put((byte) 1).put((byte) 2)
                .put((byte) 'a').put((byte) 'b');
        return b.array();
    }

    @Test
    void mutatedRtpPacketsAreClassifiedAndValidOnesStayInsideTheirDatagram() {
        List<byte[]> corpus = new ArrayList<>(List.of(rtp(0, 160, false, 0, 0), rtp(101, 4, false, 0, 0),
                rtp(8, 240, true, 2, 4), rtp(0, 80, false, 15, 0)));
        Mutator m = new Mutator(corpus, Mutator.seed(SEED), 2048);
        RtpPacketView view = new RtpPacketView();
        PayloadTypeSet accepted = PayloadTypeSet.of(0, 101);
        ByteBuffer direct = ByteBuffer.allocateDirect(2048);
        int cases = Mutator.count(20_000);
        for (int i = 0; i < cases; i++) {
            byte[] packet = m.next();
            direct.clear().put(packet);
            try {
                for (RtpPacketCheck check : new RtpPacketCheck[] {view.wrap(packet, 0, packet.length, accepted),
                        view.wrap(direct, 0, packet.length, accepted)}) {
                    if (check == RtpPacketCheck.VALID) {
                        assertThat(view.payloadOffset() + view.payloadLength()).as("case %d", i).isLessThanOrEqualTo(packet.length);
                        assertThat(view.payloadLength()).isNotNegative();
                    } else {
                        view.describeRejection();
                    }
                }
            } catch (RuntimeException e) {
                fail("RTP case " + i + " (seed " + Mutator.seed(SEED) + ") threw", e);
            }
        }
    }

    @Test
    void mutatedRtcpCompoundsAreClassified() {
        Mutator m = new Mutator(List.of(rtcpSenderReport()), Mutator.seed(SEED + 1), 2048);
        RtcpCompoundReader reader = new RtcpCompoundReader();
        RtcpReport report = new RtcpReport();
        ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
        int cases = Mutator.count(20_000);
        for (int i = 0; i < cases; i++) {
            byte[] packet = m.next();
            buffer.clear().put(packet);
            try {
                assertThat(reader.read(buffer, 0, packet.length, US, report)).isNotNull();
            } catch (RuntimeException e) {
                fail("RTCP case " + i + " (seed " + Mutator.seed(SEED + 1) + ") threw", e);
            }
        }
    }
}
