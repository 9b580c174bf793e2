package org.audiostream.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the RTP payloads of one payload type out of a classic pcap capture (Ethernet or Linux
 * cooked, IPv4, UDP), such as SIPp's bundled {@code g711a.pcap}, and checks that they form one
 * gap-free stream (consecutive sequence numbers, timestamps advancing by the payload length, as
 * for G.711).
 */
public final class PcapRtp {

    private static final int LINKTYPE_ETHERNET = 1;
    private static final int LINKTYPE_LINUX_SLL = 113;

    private PcapRtp() {
    }

    /** The payloads of {@code payloadType}, concatenated in capture order. */
    public static byte[] payloads(Path pcap, int payloadType) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(pcap)).order(ByteOrder.LITTLE_ENDIAN);
        int magic = in.getInt(0);
        if (magic == 0xd4c3b2a1) {
            in.order(ByteOrder.BIG_ENDIAN);
        } else if (magic != 0xa1b2c3d4) {
            throw new IOException(pcap + " is not a classic microsecond pcap (magic " + Integer.toHexString(magic) + ")");
        }
        int linkType = in.getInt(20);
        int linkHeader = switch (linkType) {
            case LINKTYPE_ETHERNET -> 14;
            case LINKTYPE_LINUX_SLL -> 16;
            default -> throw new IOException(pcap + ": unsupported link type " + linkType);
        };
        ByteBuffer net = in.duplicate().order(ByteOrder.BIG_ENDIAN);   // packet headers: network byte order
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int expectedSeq = -1;
        long expectedTs = -1;
        int pos = 24;
        while (pos + 16 <= in.limit()) {
            int captured = in.getInt(pos + 8);
            int ip = pos + 16 + linkHeader;
            pos += 16 + captured;
            int udp = ip + (net.get(ip) & 0x0F) * 4;
            int rtp = udp + 8;
            int udpEnd = udp + (net.getShort(udp + 4) & 0xFFFF);
            int pt = net.get(rtp + 1) & 0x7F;
            if (pt != payloadType) {
                continue;
            }
            int seq = net.getShort(rtp + 2) & 0xFFFF;
            long ts = net.getInt(rtp + 4) & 0xFFFFFFFFL;
            int length = udpEnd - rtp - 12;
            if (expectedSeq >= 0 && (seq != expectedSeq || ts != expectedTs)) {
                throw new IOException(pcap + ": RTP stream not continuous at seq " + seq + " ts " + ts
                        + " (expected seq " + expectedSeq + " ts " + expectedTs + ")");
            }
            expectedSeq = (seq + 1) & 0xFFFF;
            expectedTs = (ts + length) & 0xFFFFFFFFL;
            out.write(in.array(), rtp + 12, length);
        }
        return out.toByteArray();
    }
}
