package org.audiostream.call.rtp;

import java.nio.ByteBuffer;

/**
 * Builds the compound RTCP packet we send (RFC 3550 §6.1): an SR, or an RR when we have sent
 * nothing, with at most one report block, followed by an SDES with our CNAME (§6.5.1), which every
 * compound packet must carry.
 *
 * <p>Threads: stateless.
 */
public final class RtcpReportWriter {

    static final int PT_SR = 200;
    static final int PT_RR = 201;
    static final int PT_SDES = 202;
    static final int PT_BYE = 203;
    static final int SDES_END = 0;
    static final int SDES_CNAME = 1;
    static final int HEADER_LENGTH = 8;
    static final int SENDER_INFO_LENGTH = 20;
    static final int REPORT_BLOCK_LENGTH = 24;
    /** An SDES item carries at most 255 octets of text (§6.5). */
    public static final int MAX_CNAME_LENGTH = 255;

    private RtcpReportWriter() {
    }

    /** Bytes {@link #write} produces for these parts. */
    public static int encodedLength(boolean senderReport, boolean withBlock, int cnameLength) {
        int report = HEADER_LENGTH + (senderReport ? SENDER_INFO_LENGTH : 0) + (withBlock ? REPORT_BLOCK_LENGTH : 0);
        return report + sdesLength(cnameLength);
    }

    private static int sdesLength(int cnameLength) {
        // header + SSRC + CNAME item (type, length, text) + END item, padded to 32 bits (§6.5)
        int chunk = 4 + 2 + cnameLength + 1;
        return 4 + ((chunk + 3) & ~3);
    }

    /**
     * Writes SR (if {@code senderInfo != null}) or RR, then SDES, at {@code dst[offset]} with absolute
     * puts, which must fall within the buffer's limit ({@link #encodedLength} bytes).
     *
     * @param block the report block, or {@code null} when we have received nothing to report on
     * @param cname our CNAME as US-ASCII/UTF-8 octets, at most {@link #MAX_CNAME_LENGTH}
     * @return the bytes written
     */
    public static int write(ByteBuffer dst, int offset, int ssrc, RtcpSenderInfo senderInfo,
                            RtcpReportBlock block, byte[] cname) {
        if (cname.length > MAX_CNAME_LENGTH) {
            throw new IllegalArgumentException("RTCP CNAME too long: length=" + cname.length + " > " + MAX_CNAME_LENGTH);
        }
        int pos = offset;
        int reportLength = HEADER_LENGTH + (senderInfo != null ? SENDER_INFO_LENGTH : 0)
                + (block != null ? REPORT_BLOCK_LENGTH : 0);
        pos = header(dst, pos, block != null ? 1 : 0, senderInfo != null ? PT_SR : PT_RR, reportLength);
        dst.putInt(pos, ssrc);
        pos += 4;
        if (senderInfo != null) {
            dst.putLong(pos, senderInfo.ntpTimestamp);
            dst.putInt(pos + 8, senderInfo.rtpTimestamp);
            dst.putInt(pos + 12, (int) senderInfo.packetCount);
            dst.putInt(pos + 16, (int) senderInfo.octetCount);
            pos += SENDER_INFO_LENGTH;
        }
        if (block != null) {
            dst.putInt(pos, block.ssrc);
            dst.putInt(pos + 4, (block.fractionLost << 24) | (block.cumulativeLost & 0xFF_FFFF));
            dst.putInt(pos + 8, block.extendedHighestSequence);
            dst.putInt(pos + 12, block.jitter);
            dst.putInt(pos + 16, block.lastSenderReport);
            dst.putInt(pos + 20, block.delaySinceLastSenderReport);
            pos += REPORT_BLOCK_LENGTH;
        }
        int sdesLength = sdesLength(cname.length);
        int end = pos + sdesLength;
        pos = header(dst, pos, 1, PT_SDES, sdesLength);
        dst.putInt(pos, ssrc);
        pos += 4;
        dst.put(pos, (byte) SDES_CNAME);
        dst.put(pos + 1, (byte) cname.length);
        dst.put(pos + 2, cname);
        for (int i = pos + 2 + cname.length; i < end; i++) {
            dst.put(i, (byte) SDES_END);
        }
        return end - offset;
    }

    /** Writes the common header (§6.4.1) of a packet of {@code length} bytes; returns the index after it. */
    private static int header(ByteBuffer dst, int pos, int count, int packetType, int length) {
        dst.put(pos, (byte) ((RtpPacketView.VERSION << 6) | count));
        dst.put(pos + 1, (byte) packetType);
        dst.putShort(pos + 2, (short) (length / 4 - 1));
        return pos + 4;
    }
}
