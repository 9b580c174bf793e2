package org.audiostream.call.rtp;

import java.nio.ByteBuffer;

/**
 * Validates a received compound RTCP packet (RFC 3550 appendix A.2: version 2 throughout, an SR or
 * RR first, padding only in the last packet, lengths that add up exactly) and extracts SR sender
 * information and the report block about our SSRC into an {@link RtcpReport}. SDES, APP and
 * unknown packet types are skipped.
 *
 * <p>Threads: not thread-safe; one instance per leg, confined to the owning clock shard. Never
 * allocates.
 */
public final class RtcpCompoundReader {

    private RtcpCheck check = RtcpCheck.TOO_SHORT;
    private int errorValue;
    private int errorLimit;
    private int length;

    /**
     * Reads {@code buffer[offset, offset + length)}.
     *
     * @param localSsrc our SSRC; only report blocks about it are kept
     * @param out cleared, then filled when the packet is valid
     * @return {@link RtcpCheck#VALID} or the first rule the packet breaks
     */
    public RtcpCheck read(ByteBuffer buffer, int offset, int length, int localSsrc, RtcpReport out) {
        this.length = length;
        out.clear();
        check = readPackets(buffer, offset, length, localSsrc, out);
        return check;
    }

    private RtcpCheck readPackets(ByteBuffer buffer, int offset, int length, int localSsrc, RtcpReport out) {
        if (length < 4) {
            return reject(RtcpCheck.TOO_SHORT, length, 4);
        }
        int first = buffer.get(offset + 1) & 0xFF;
        if (first != RtcpReportWriter.PT_SR && first != RtcpReportWriter.PT_RR) {
            return reject(RtcpCheck.FIRST_NOT_REPORT, first, RtcpReportWriter.PT_RR);
        }
        int end = offset + length;
        int pos = offset;
        boolean firstPacket = true;
        while (pos < end) {
            if (end - pos < 4) {
                return reject(RtcpCheck.TOO_SHORT, end - pos, 4);
            }
            int b0 = buffer.get(pos) & 0xFF;
            int version = b0 >>> 6;
            if (version != RtpPacketView.VERSION) {
                return reject(RtcpCheck.BAD_VERSION, version, RtpPacketView.VERSION);
            }
            int packetLength = ((buffer.getShort(pos + 2) & 0xFFFF) + 1) * 4;
            if (packetLength > end - pos) {
                return reject(RtcpCheck.LENGTH_OVERRUN, packetLength, end - pos);
            }
            int contentLength = packetLength;
            if ((b0 & 0x20) != 0) {
                if (pos + packetLength != end) {
                    return reject(RtcpCheck.PADDING_NOT_LAST, pos - offset, end - offset);
                }
                int padding = buffer.get(end - 1) & 0xFF;
                if (padding == 0 || padding > packetLength - 4) {
                    return reject(RtcpCheck.BAD_PADDING, padding, packetLength - 4);
                }
                contentLength -= padding;
            }
            RtcpCheck packetCheck = readPacket(buffer, pos, contentLength, b0 & 0x1F, firstPacket, localSsrc, out);
            if (packetCheck != RtcpCheck.VALID) {
                return packetCheck;
            }
            firstPacket = false;
            pos += packetLength;
        }
        return RtcpCheck.VALID;
    }

    private RtcpCheck readPacket(ByteBuffer buffer, int pos, int contentLength, int count, boolean firstPacket,
                                 int localSsrc, RtcpReport out) {
        int packetType = buffer.get(pos + 1) & 0xFF;
        if (packetType == RtcpReportWriter.PT_BYE) {
            out.bye = true;
            return RtcpCheck.VALID;
        }
        if (packetType != RtcpReportWriter.PT_SR && packetType != RtcpReportWriter.PT_RR) {
            return RtcpCheck.VALID;
        }
        boolean senderReport = packetType == RtcpReportWriter.PT_SR;
        int blocksAt = RtcpReportWriter.HEADER_LENGTH + (senderReport ? RtcpReportWriter.SENDER_INFO_LENGTH : 0);
        int needed = blocksAt + count * RtcpReportWriter.REPORT_BLOCK_LENGTH;
        if (needed > contentLength) {
            return reject(RtcpCheck.REPORT_COUNT_OVERRUN, needed, contentLength);
        }
        if (firstPacket) {
            out.senderSsrc = buffer.getInt(pos + 4);
            if (senderReport) {
                out.hasSenderInfo = true;
                out.senderInfo.set(buffer.getLong(pos + 8), buffer.getInt(pos + 16),
                        Integer.toUnsignedLong(buffer.getInt(pos + 20)), Integer.toUnsignedLong(buffer.getInt(pos + 24)));
            }
        }
        for (int i = 0; i < count; i++) {
            int at = pos + blocksAt + i * RtcpReportWriter.REPORT_BLOCK_LENGTH;
            if (buffer.getInt(at) == localSsrc) {
                int lossWord = buffer.getInt(at + 4);
                out.hasBlockAboutUs = true;
                // cumulative lost is 24-bit signed: shift up then arithmetic shift down
                out.blockAboutUs.set(localSsrc, lossWord >>> 24, (lossWord << 8) >> 8, buffer.getInt(at + 8),
                        buffer.getInt(at + 12), buffer.getInt(at + 16), buffer.getInt(at + 20));
            }
        }
        return RtcpCheck.VALID;
    }

    private RtcpCheck reject(RtcpCheck reason, int value, int limit) {
        errorValue = value;
        errorLimit = limit;
        return reason;
    }

    /** Why the last packet was rejected; allocates, for logs only. */
    public String describeRejection() {
        return "RTCP packet rejected: " + check.describe(errorValue, errorLimit) + " (length=" + length + ")";
    }
}
