package org.audiostream.call.sip;

/**
 * The CSeq header (RFC 3261 §20.16): sequence number and method.
 * Threads: immutable; any thread.
 *
 * @param number sequence number, 0..2^32-1
 * @param method method, case-sensitive
 */
public record CSeq(long number, String method) {

    /** Largest CSeq a receiver accepts: RFC 3261 §8.1.1.5 requires a 32-bit unsigned value. */
    public static final long MAX = 0xFFFF_FFFFL;

    static CSeq parse(String value) {
        SipScanner s = new SipScanner(value, SipFailureReason.CSEQ_INVALID);
        s.skipWs();
        int start = s.position();
        while (!s.atEnd() && Character.isDigit(s.peek()) && s.peek() < 0x80) {
            s.position(s.position() + 1);
        }
        String digits = value.substring(start, s.position());
        if (digits.isEmpty()) {
            throw s.fail("CSeq number missing: '" + value + "'");
        }
        String trimmed = digits.replaceFirst("^0+(?=.)", "");
        if (trimmed.length() > 10 || Long.parseLong(trimmed) > MAX) {
            throw new SipParseException(SipFailureReason.CSEQ_INVALID,
                    "CSeq number=" + digits + " > " + MAX, start);
        }
        int ws = s.position();
        s.skipWs();
        if (s.position() == ws) {
            throw s.fail("expected whitespace after CSeq number but found " + s.describeHere());
        }
        String method = s.token("CSeq method");
        s.skipWs();
        if (!s.atEnd()) {
            throw s.fail("unexpected " + s.describeHere() + " after CSeq method");
        }
        return new CSeq(Long.parseLong(trimmed), method);
    }

    @Override
    public String toString() {
        return number + " " + method;
    }
}
