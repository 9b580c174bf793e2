package org.audiostream.call.sip;

import static org.audiostream.call.sip.SipHeaderNames.*;

import java.util.Map;

/**
 * Builds responses to a request as RFC 3261 §8.2.6 says: Via lines, From, Call-ID and CSeq copied,
 * To copied with our tag added when it has none (not on 100), plus Server. Works on raw header
 * values so it can answer requests that failed validation, and knows the default reason phrases.
 * Threads: stateless; any thread.
 */
final class SipResponses {

    private static final Map<Integer, String> PHRASES = Map.ofEntries(
            Map.entry(100, "Trying"), Map.entry(180, "Ringing"), Map.entry(200, "OK"), Map.entry(202, "Accepted"),
            Map.entry(400, "Bad Request"), Map.entry(403, "Forbidden"), Map.entry(405, "Method Not Allowed"),
            Map.entry(406, "Not Acceptable"), Map.entry(413, "Request Entity Too Large"),
            Map.entry(415, "Unsupported Media Type"), Map.entry(416, "Unsupported URI Scheme"),
            Map.entry(420, "Bad Extension"), Map.entry(422, "Session Interval Too Small"),
            Map.entry(480, "Temporarily Unavailable"), Map.entry(481, "Call/Transaction Does Not Exist"),
            Map.entry(482, "Loop Detected"), Map.entry(486, "Busy Here"), Map.entry(487, "Request Terminated"),
            Map.entry(488, "Not Acceptable Here"), Map.entry(491, "Request Pending"),
            Map.entry(500, "Server Internal Error"), Map.entry(501, "Not Implemented"),
            Map.entry(503, "Service Unavailable"), Map.entry(505, "Version Not Supported"),
            Map.entry(603, "Decline"));

    private SipResponses() {
    }

    static String phrase(int status) {
        return PHRASES.getOrDefault(status, status < 300 ? "OK" : "Error");
    }

    static SipResponse create(SipRequest request, int status, String toTag, SipUasConfig config) {
        return create(request, status, phrase(status), toTag, config);
    }

    static SipResponse create(SipRequest request, int status, String reasonPhrase, String toTag, SipUasConfig config) {
        SipResponse r = new SipResponse(status, reasonPhrase);
        SipHeaders in = request.headers();
        SipHeaders out = r.headers();
        out.copyFrom(in, VIA);
        out.copyFrom(in, FROM);
        String to = in.first(TO);
        if (to != null) {
            out.add(TO, status != 100 && toTag != null && !hasTag(to) ? to + ";tag=" + toTag : to);
        }
        out.copyFrom(in, CALL_ID);
        out.copyFrom(in, CSEQ);
        out.add(SERVER, config.userAgent());
        return r;
    }

    /** Adds {@code Warning: <code> <agent> "<text>"} (RFC 3261 §20.43). */
    static void warning(SipResponse response, int code, SipUasConfig config, String text) {
        String quoted = text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", " ").replace("\n", " ");
        response.headers().add(WARNING, code + " " + config.contactHost() + " \"" + quoted + '"');
    }

    private static boolean hasTag(String to) {
        try {
            return NameAddrParser.parse(to).tag() != null;
        } catch (SipParseException e) {
            return true;  // unparseable To: copy it unchanged
        }
    }
}
