package org.audiostream.call.sip;

/**
 * A decoding failure carried by a received message instead of an exception thrown through the
 * pipeline (as Netty's {@code DecoderResult}): the reason, a detail naming the offending value and
 * the limit or rule it broke, and the character offset in the message where it was found.
 * Threads: immutable; any thread.
 *
 * @param reason what kind of failure
 * @param detail e.g. {@code CSeq number=36893488147419103232 > 4294967295}
 * @param offset character offset from the start of the message, or -1 when not positional
 */
public record SipParseFailure(SipFailureReason reason, String detail, int offset) {

    /** {@code <reason>: <detail> (offset N)} for logs and Warning headers. */
    public String describe() {
        return offset >= 0 ? detail + " (offset " + offset + ")" : detail;
    }
}
