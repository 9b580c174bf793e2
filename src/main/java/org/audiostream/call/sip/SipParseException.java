package org.audiostream.call.sip;

/**
 * Raised inside the parser classes and caught at the message parser boundary, where it becomes a
 * {@link SipParseFailure} value on the decoded message; it never leaves this package's parsing
 * code. No stack trace: it is control flow for bad input, which is expected and counted.
 * Threads: immutable; any thread.
 */
final class SipParseException extends RuntimeException {

    private final transient SipParseFailure failure;

    SipParseException(SipFailureReason reason, String detail, int offset) {
        super(detail, null, false, false);
        this.failure = new SipParseFailure(reason, detail, offset);
    }

    SipParseFailure failure() {
        return failure;
    }

    /** The same failure with its offset shifted by {@code base} (value parsers count from 0). */
    SipParseFailure failureAt(int base) {
        int offset = failure.offset() >= 0 ? base + failure.offset() : base;
        return new SipParseFailure(failure.reason(), failure.detail(), offset);
    }
}
