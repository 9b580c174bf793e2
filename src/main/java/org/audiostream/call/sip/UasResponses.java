package org.audiostream.call.sip;

import static org.audiostream.call.sip.SipHeaderNames.*;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The UAS's additions to responses: what we allow and support (RFC 3261 §20.5, §20.37), our
 * Contact, an SDP body, Retry-After, Reason (RFC 3326), Warning.
 * Threads: stateless; SIP event loop.
 */
final class UasResponses {

    static final String ALLOWED_METHODS = "INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, REFER, NOTIFY";
    static final String SUPPORTED_OPTIONS = "timer";

    private UasResponses() {
    }

    static SipResponse of(UasContext ctx, SipRequest request, int status, String toTag) {
        return SipResponses.create(request, status, toTag, ctx.config);
    }

    /** A final response with a Warning naming the problem. */
    static SipResponse withWarning(UasContext ctx, SipRequest request, int status, String toTag, int code, String text) {
        SipResponse r = of(ctx, request, status, toTag);
        SipResponses.warning(r, code, ctx.config, text);
        return r;
    }

    /** Allow, Accept and Supported, for 2xx to INVITE/OPTIONS and for 405/501/415. */
    static SipResponse capabilities(SipResponse r) {
        r.headers().add(ALLOW, ALLOWED_METHODS);
        r.headers().add(ACCEPT, "application/sdp");
        r.headers().add(SUPPORTED, SUPPORTED_OPTIONS);
        return r;
    }

    static SipResponse contact(SipResponse r, UasContext ctx, SipTransportType transport) {
        r.headers().add(CONTACT, "<" + ctx.contact(transport) + ">");
        return r;
    }

    static SipResponse sdp(SipResponse r, SessionDescription sdp) {
        r.headers().add(CONTENT_TYPE, "application/sdp");
        r.body(sdp.toBytes());
        return r;
    }

    static SipResponse retryAfter(SipResponse r, int seconds) {
        r.headers().add(RETRY_AFTER, String.valueOf(seconds));
        return r;
    }

    /** RFC 3261 §14.2 / RFC 3311 §5.2: 500 with a random Retry-After of 0..10 s. */
    static SipResponse pendingOfferConflict(UasContext ctx, SipRequest request, String toTag) {
        return retryAfter(withWarning(ctx, request, 500, toTag, 399, "an earlier offer is still being answered"),
                ThreadLocalRandom.current().nextInt(11));
    }

    static void reason(SipMessage m, HangupCause cause, String text) {
        m.headers().add(REASON, new SipHeaderValues.Reason("Q.850", cause.q850(), text == null ? cause.text() : text).toString());
    }
}
