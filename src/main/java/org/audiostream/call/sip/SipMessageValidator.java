package org.audiostream.call.sip;

import static org.audiostream.call.sip.SipHeaderNames.*;

/**
 * Checks a framed message beyond syntax of the start line: mandatory headers present (RFC 3261
 * §8.1.1), single-valued headers not repeated (RFC 4475 §3.3.8), every header this UAS reads
 * parseable, and the CSeq method equal to the request method (RFC 4475 §3.1.2.17). The first
 * problem found becomes the message's failure, with the header's offset unknown (-1) but its
 * name and value in the detail.
 * Threads: stateless; any thread.
 */
final class SipMessageValidator {

    private static final String[] MANDATORY = {VIA, CSEQ, CALL_ID, FROM, TO};
    private static final String[] TOKEN_LISTS = {REQUIRE, PROXY_REQUIRE, SUPPORTED, UNSUPPORTED, ALLOW};

    private SipMessageValidator() {
    }

    static void validate(SipMessage msg) {
        SipParseFailure f = check(msg);
        if (f != null) {
            msg.failure(f);
        }
    }

    private static SipParseFailure check(SipMessage msg) {
        SipHeaders h = msg.headers();
        for (String name : MANDATORY) {
            if (!h.contains(name)) {
                return new SipParseFailure(SipFailureReason.HEADER_MISSING, "mandatory header " + name + " is missing", -1);
            }
        }
        for (String name : SINGLE_VALUED) {
            int n = h.count(name);
            if (n > 1) {
                return new SipParseFailure(SipFailureReason.HEADER_DUPLICATED,
                        name + " appears " + n + " times " + h.lines(name), -1);
            }
        }
        SipParseFailure f = header(msg, VIA, () -> {
            if (msg.vias().isEmpty()) {
                throw new SipParseException(SipFailureReason.VIA_INVALID, "no value", -1);
            }
        });
        f = f != null ? f : header(msg, CSEQ, msg::cseq);
        f = f != null ? f : header(msg, CALL_ID, () -> {
            String id = msg.callId();
            if (id.isEmpty() || id.chars().anyMatch(c -> c == ' ' || c == '\t')) {
                throw new SipParseException(SipFailureReason.HEADER_VALUE_INVALID, "empty or contains whitespace", -1);
            }
        });
        f = f != null ? f : header(msg, FROM, msg::from);
        f = f != null ? f : header(msg, TO, msg::to);
        f = f != null ? f : header(msg, MAX_FORWARDS, msg::maxForwards);
        f = f != null ? f : header(msg, CONTENT_TYPE, msg::contentType);
        f = f != null ? f : header(msg, CONTACT, msg::contacts);
        f = f != null ? f : header(msg, RECORD_ROUTE, msg::recordRoutes);
        f = f != null ? f : header(msg, ROUTE, msg::routes);
        for (String list : TOKEN_LISTS) {
            f = f != null ? f : header(msg, list, () -> msg.tokens(list));
        }
        f = f != null ? f : header(msg, EXPIRES, msg::expires);
        f = f != null ? f : header(msg, SESSION_EXPIRES, msg::sessionExpires);
        f = f != null ? f : header(msg, RETRY_AFTER, msg::retryAfter);
        f = f != null ? f : header(msg, REASON, msg::reasons);
        f = f != null ? f : header(msg, REFER_TO, msg::referTo);
        f = f != null ? f : header(msg, EVENT, msg::event);
        if (f == null && msg instanceof SipRequest r && !r.method().equals(msg.cseq().method())) {
            f = new SipParseFailure(SipFailureReason.CSEQ_METHOD_MISMATCH,
                    "CSeq method=" + msg.cseq().method() + " differs from request method=" + r.method(), -1);
        }
        return f;
    }

    /** Runs one typed parse; a failure names the header and the column inside its value. */
    private static SipParseFailure header(SipMessage msg, String name, Runnable parse) {
        if (!msg.headers().contains(name)) {
            return null;
        }
        try {
            parse.run();
            return null;
        } catch (SipParseException e) {
            SipParseFailure f = e.failure();
            String where = f.offset() >= 0 ? " at column " + f.offset() : "";
            return new SipParseFailure(f.reason(), name + ": " + f.detail() + where, -1);
        }
    }

    /** Max-Forwards is {@code 1*DIGIT} in 0..255 (RFC 3261 §20.22, RFC 4475 §3.1.2.4). */
    static int maxForwards(String v) {
        if (v.isEmpty() || v.length() > 10 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new SipParseException(SipFailureReason.MAX_FORWARDS_INVALID, "Max-Forwards=" + v + " is not an integer", -1);
        }
        long n = Long.parseLong(v);
        if (n > 255) {
            throw new SipParseException(SipFailureReason.MAX_FORWARDS_INVALID, "Max-Forwards=" + n + " > 255", -1);
        }
        return (int) n;
    }
}
