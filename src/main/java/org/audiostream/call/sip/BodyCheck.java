package org.audiostream.call.sip;

import static org.audiostream.call.sip.SipHeaderNames.*;

import java.util.List;
import org.audiostream.call.sip.SipHeaderValues.MediaType;

/**
 * Content processing checks for requests that may carry an offer (RFC 3261 §8.2.3, §21.4.13):
 * a body must be {@code application/sdp} without content coding (else 415 with Accept /
 * Accept-Encoding), and an INVITE's Accept must allow {@code application/sdp} (else 406,
 * RFC 4475 §3.3.15).
 * Threads: stateless; SIP event loop.
 */
final class BodyCheck {

    private BodyCheck() {
    }

    /** The rejection to send, or {@code null} when the body is acceptable. */
    static SipResponse check(UasContext ctx, SipRequest request, String toTag) {
        List<String> encodings = request.tokens(CONTENT_ENCODING);
        if (encodings.stream().anyMatch(e -> !e.equalsIgnoreCase("identity"))) {
            SipResponse r = UasResponses.withWarning(ctx, request, 415, toTag, 399, "Content-Encoding " + encodings + " not supported");
            r.headers().add("Accept-Encoding", "identity");
            return r;
        }
        MediaType type = request.contentType();
        if (request.body().length > 0 && (type == null || !type.is("application", "sdp"))) {
            SipResponse r = UasResponses.withWarning(ctx, request, 415, toTag, 399,
                    "Content-Type " + (type == null ? "(none)" : type.type() + "/" + type.subtype()) + " not supported; we accept application/sdp");
            r.headers().add(ACCEPT, "application/sdp");
            return r;
        }
        if (request.isMethod("INVITE") && request.headers().contains(ACCEPT) && !acceptsSdp(request)) {
            return UasResponses.withWarning(ctx, request, 406, toTag, 399,
                    "Accept " + request.headers().values(ACCEPT) + " excludes application/sdp, the only body we send");
        }
        return null;
    }

    private static boolean acceptsSdp(SipRequest request) {
        for (String v : request.headers().values(ACCEPT)) {
            if (v.isBlank()) {
                continue;
            }
            try {
                if (SipHeaderValues.mediaType(v).covers("application", "sdp")) {
                    return true;
                }
            } catch (SipParseException e) {
                // an unparseable Accept range accepts nothing
            }
        }
        return false;
    }
}
