package org.audiostream.call.rtp;

import java.nio.ByteBuffer;

/**
 * Flyweight over one received RTP packet (RFC 3550 §5.1) in a region of a {@link ByteBuffer}
 * (heap or direct) or a byte array: {@link #wrap} validates strictly and the accessors read the
 * header fields in place. The payload region excludes CSRCs, the header extension (§5.3.1) and
 * padding.
 *
 * <p>Threads: not thread-safe; one instance per receiving thread, re-wrapped for every packet.
 * Wrapping a {@code ByteBuffer} never allocates; wrapping a byte array allocates only when the
 * array differs from the previous one.
 */
public final class RtpPacketView {

    /** Bytes of the fixed header (§5.1). */
    public static final int FIXED_HEADER_LENGTH = 12;
    /** The only RTP version (§5.1). */
    public static final int VERSION = 2;

    private ByteBuffer buffer;
    private byte[] lastArray;
    private ByteBuffer lastArrayBuffer;
    private int offset;
    private int length;
    private int payloadOffset;
    private int payloadLength;
    private PayloadTypeSet accepted;
    private RtpPacketCheck check = RtpPacketCheck.TOO_SHORT;
    private int errorValue;
    private int errorLimit;

    /**
     * Wraps {@code buffer[offset, offset + length)} and validates it.
     *
     * @param accepted the negotiated payload types; others are rejected
     * @return {@link RtpPacketCheck#VALID}, or the first rule the packet breaks; the header accessors
     *     are only meaningful for a valid packet
     */
    public RtpPacketCheck wrap(ByteBuffer buffer, int offset, int length, PayloadTypeSet accepted) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.accepted = accepted;
        this.check = validate();
        return check;
    }

    /** As {@link #wrap(ByteBuffer, int, int, PayloadTypeSet)} over a byte array region. */
    public RtpPacketCheck wrap(byte[] array, int offset, int length, PayloadTypeSet accepted) {
        if (array != lastArray) {
            lastArray = array;
            lastArrayBuffer = ByteBuffer.wrap(array);
        }
        return wrap(lastArrayBuffer, offset, length, accepted);
    }

    private RtpPacketCheck validate() {
        if (length < FIXED_HEADER_LENGTH) {
            return reject(RtpPacketCheck.TOO_SHORT, length, FIXED_HEADER_LENGTH);
        }
        if (version() != VERSION) {
            return reject(RtpPacketCheck.BAD_VERSION, version(), VERSION);
        }
        int headerLength = FIXED_HEADER_LENGTH + 4 * csrcCount();
        if (headerLength > length) {
            return reject(RtpPacketCheck.CSRC_OVERRUN, headerLength, length);
        }
        if (extension()) {
            // §5.3.1: 16-bit profile field, 16-bit length in 32-bit words not counting this word
            if (headerLength + 4 > length) {
                return reject(RtpPacketCheck.EXTENSION_OVERRUN, headerLength + 4, length);
            }
            headerLength += 4 + 4 * u16(headerLength + 2);
            if (headerLength > length) {
                return reject(RtpPacketCheck.EXTENSION_OVERRUN, headerLength, length);
            }
        }
        int padding = 0;
        if (padding()) {
            // §5.1: the last octet counts the padding octets, itself included
            padding = buffer.get(offset + length - 1) & 0xFF;
            int afterHeader = length - headerLength;
            if (padding == 0 || padding > afterHeader) {
                return reject(RtpPacketCheck.BAD_PADDING, padding, afterHeader);
            }
        }
        if (!accepted.contains(payloadType())) {
            return reject(RtpPacketCheck.PAYLOAD_TYPE_NOT_NEGOTIATED, payloadType(), 0);
        }
        payloadOffset = offset + headerLength;
        payloadLength = length - headerLength - padding;
        return RtpPacketCheck.VALID;
    }

    private RtpPacketCheck reject(RtpPacketCheck reason, int value, int limit) {
        errorValue = value;
        errorLimit = limit;
        payloadOffset = offset;
        payloadLength = 0;
        return reason;
    }

    /** Result of the last {@link #wrap}. */
    public RtpPacketCheck check() {
        return check;
    }

    /**
     * Why the last packet was rejected, e.g. {@code RTP packet rejected: version=1 != 2 (length=172)}.
     * Allocates; for logs, not for the per-packet path.
     */
    public String describeRejection() {
        Object limit = check == RtpPacketCheck.PAYLOAD_TYPE_NOT_NEGOTIATED ? accepted : errorLimit;
        return "RTP packet rejected: " + check.describe(errorValue, limit) + " (length=" + length + ")";
    }

    public int version() {
        return (u8(0) >>> 6) & 0x3;
    }

    public boolean padding() {
        return (u8(0) & 0x20) != 0;
    }

    public boolean extension() {
        return (u8(0) & 0x10) != 0;
    }

    public int csrcCount() {
        return u8(0) & 0x0F;
    }

    public boolean marker() {
        return (u8(1) & 0x80) != 0;
    }

    public int payloadType() {
        return u8(1) & 0x7F;
    }

    /** Sequence number, 0–65535. */
    public int sequenceNumber() {
        return u16(2);
    }

    /** Timestamp as the raw 32 bits; compare timestamps by signed difference. */
    public int timestamp() {
        return buffer.getInt(offset + 4);
    }

    public int ssrc() {
        return buffer.getInt(offset + 8);
    }

    /** CSRC {@code index} (0 ≤ index < {@link #csrcCount()}). */
    public int csrc(int index) {
        return buffer.getInt(offset + FIXED_HEADER_LENGTH + 4 * index);
    }

    /** The buffer the view reads; payload indices are absolute into it. */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** Absolute index of the first payload byte in {@link #buffer()}. */
    public int payloadOffset() {
        return payloadOffset;
    }

    /** Payload bytes, without CSRCs, header extension and padding; may be 0. */
    public int payloadLength() {
        return payloadLength;
    }

    /** Bytes of the whole packet as wrapped. */
    public int length() {
        return length;
    }

    /** Copies the payload into {@code dst[dstOffset, dstOffset + payloadLength())}. */
    public void copyPayload(byte[] dst, int dstOffset) {
        buffer.get(payloadOffset, dst, dstOffset, payloadLength);
    }

    private int u8(int index) {
        return buffer.get(offset + index) & 0xFF;
    }

    private int u16(int index) {
        return buffer.getShort(offset + index) & 0xFFFF;
    }
}
