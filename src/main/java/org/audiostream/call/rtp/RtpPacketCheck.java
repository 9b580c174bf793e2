package org.audiostream.call.rtp;

/**
 * Outcome of validating one received RTP packet (RFC 3550 §5.1, with the checks of appendix A.1
 * that do not need stream state). Each reason has a message template taking the offending value
 * and the limit it broke.
 *
 * <p>Threads: immutable.
 */
public enum RtpPacketCheck {
    VALID("valid"),
    TOO_SHORT("length=%d < %d bytes of fixed header"),
    BAD_VERSION("version=%d != %d"),
    CSRC_OVERRUN("header with its CSRC list needs %d bytes > length=%d"),
    EXTENSION_OVERRUN("header with its extension needs %d bytes > length=%d"),
    BAD_PADDING("padding count=%d outside 1..%d (bytes after the header)"),
    PAYLOAD_TYPE_NOT_NEGOTIATED("payloadType=%d not negotiated (accepted %s)");

    private final String template;

    RtpPacketCheck(String template) {
        this.template = template;
    }

    /** The reason with its value and limit, e.g. {@code version=1 != 2}. */
    public String describe(Object value, Object limit) {
        return String.format(template, value, limit);
    }
}
