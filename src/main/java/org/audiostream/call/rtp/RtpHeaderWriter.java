package org.audiostream.call.rtp;

import java.nio.ByteBuffer;

/**
 * Writes the fixed RTP header (RFC 3550 §5.1: version 2, no padding, no extension, no CSRCs) of an
 * outgoing packet into a preallocated buffer; the payload follows at {@code offset + }{@link #LENGTH}.
 *
 * <p>Threads: stateless.
 */
public final class RtpHeaderWriter {

    /** Bytes written by {@link #write}. */
    public static final int LENGTH = RtpPacketView.FIXED_HEADER_LENGTH;

    private RtpHeaderWriter() {
    }

    /**
     * Writes the header at {@code dst[offset]} with absolute puts, which must fall within the buffer's
     * limit; the buffer's position is unchanged.
     *
     * @return {@link #LENGTH}
     */
    public static int write(ByteBuffer dst, int offset, boolean marker, int payloadType, int sequence,
                            int timestamp, int ssrc) {
        dst.put(offset, (byte) (RtpPacketView.VERSION << 6));
        dst.put(offset + 1, (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F)));
        dst.putShort(offset + 2, (short) sequence);
        dst.putInt(offset + 4, timestamp);
        dst.putInt(offset + 8, ssrc);
        return LENGTH;
    }
}
