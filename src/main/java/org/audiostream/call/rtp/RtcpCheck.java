package org.audiostream.call.rtp;

/**
 * Outcome of validating one received compound RTCP packet (RFC 3550 §6.1 and appendix A.2). Each
 * reason has a message template taking the offending value and the limit it broke.
 *
 * <p>Threads: immutable.
 */
public enum RtcpCheck {
    VALID("valid"),
    TOO_SHORT("length=%d < %d bytes of common header"),
    BAD_VERSION("version=%d != %d"),
    FIRST_NOT_REPORT("first packetType=%d is not SR (200) or RR (%d)"),
    PADDING_NOT_LAST("padding bit set in the packet at offset=%d before the last (at %d)"),
    BAD_PADDING("padding count=%d outside 1..%d (bytes after the common header)"),
    LENGTH_OVERRUN("packet needs %d bytes > %d left in the compound"),
    REPORT_COUNT_OVERRUN("report blocks need %d bytes > packet length=%d");

    private final String template;

    RtcpCheck(String template) {
        this.template = template;
    }

    /** The reason with its value and limit. */
    public String describe(int value, int limit) {
        return String.format(template, value, limit);
    }
}
