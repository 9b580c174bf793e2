package org.audiostream.call.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Typed values of the smaller headers a UAS reads — media types, option-tag lists,
 * delta-seconds, Reason, Event, Session-Expires — with their parsers (RFC 3261 §20, RFC 3326,
 * RFC 6665, RFC 4028).
 * Threads: immutable values, stateless parsers; any thread.
 */
public final class SipHeaderValues {

    /** Largest delta-seconds value; larger ones are clamped (RFC 3261 §20.19, RFC 4475 §3.1.2.4). */
    public static final long MAX_DELTA_SECONDS = 0xFFFF_FFFFL;

    private SipHeaderValues() {
    }

    /** Content-Type / Accept value: type and subtype in lower case, parameters. */
    public record MediaType(String type, String subtype, Map<String, String> params) {
        public boolean is(String type, String subtype) {
            return this.type.equals(type) && this.subtype.equals(subtype);
        }

        /** Whether this Accept range covers {@code type/subtype}, honouring {@code *}. */
        public boolean covers(String type, String subtype) {
            return this.type.equals("*") || (this.type.equals(type) && (this.subtype.equals("*") || this.subtype.equals(subtype)));
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(type).append('/').append(subtype);
            NameAddr.appendParams(sb, params);
            return sb.toString();
        }
    }

    /** Reason header value (RFC 3326), e.g. {@code Q.850;cause=16;text="Normal call clearing"}. */
    public record Reason(String protocol, int cause, String text) {
        @Override
        public String toString() {
            return protocol + ";cause=" + cause + (text == null ? "" : ";text=\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
        }
    }

    /** Event header value (RFC 6665): package and the {@code id} parameter or {@code null}. */
    public record Event(String packageName, String id) {
    }

    /** Session-Expires value (RFC 4028): interval and {@code refresher} ("uac"/"uas") or null. */
    public record SessionExpires(long seconds, String refresher) {
    }

    static MediaType mediaType(String value) {
        SipScanner s = new SipScanner(value, SipFailureReason.HEADER_VALUE_INVALID);
        s.skipWs();
        String type = s.token("media type").toLowerCase(Locale.ROOT);
        s.expect('/', "in media type");
        String subtype = s.token("media subtype").toLowerCase(Locale.ROOT);
        Map<String, String> params = s.params("media type");
        end(s, "media type");
        return new MediaType(type, subtype, params);
    }

    /** A comma list of tokens (Require, Supported, Allow ...); empty elements are skipped. */
    static List<String> tokens(List<String> values, String header) {
        List<String> out = new ArrayList<>(values.size());
        for (String v : values) {
            if (v.isEmpty()) {
                continue;
            }
            if (!SipScanner.isToken(v)) {
                throw new SipParseException(SipFailureReason.HEADER_VALUE_INVALID,
                        header + " element is not a token: '" + v + "'", 0);
            }
            out.add(v);
        }
        return out;
    }

    /** {@code delta-seconds} optionally followed by a comment and parameters; clamped to 2^32-1. */
    static long deltaSeconds(String value, String header) {
        SipScanner s = new SipScanner(value, SipFailureReason.HEADER_VALUE_INVALID);
        s.skipWs();
        int start = s.position();
        while (!s.atEnd() && s.peek() >= '0' && s.peek() <= '9') {
            s.position(s.position() + 1);
        }
        String digits = value.substring(start, s.position());
        if (digits.isEmpty()) {
            throw s.fail(header + " is not delta-seconds: '" + value + "'");
        }
        String trimmed = digits.replaceFirst("^0+(?=.)", "");
        return trimmed.length() > 10 ? MAX_DELTA_SECONDS : Math.min(Long.parseLong(trimmed), MAX_DELTA_SECONDS);
    }

    static Reason reason(String value) {
        SipScanner s = new SipScanner(value, SipFailureReason.HEADER_VALUE_INVALID);
        s.skipWs();
        String protocol = s.token("Reason protocol");
        Map<String, String> params = s.params("Reason");
        end(s, "Reason");
        String cause = params.get("cause");
        int c = -1;
        if (cause != null) {
            if (!cause.chars().allMatch(Character::isDigit) || cause.length() > 5) {
                throw s.fail("Reason cause is not a number: '" + cause + "'");
            }
            c = Integer.parseInt(cause);
        }
        String text = params.get("text");
        if (text != null && text.length() >= 2 && text.startsWith("\"")) {
            text = new SipScanner(text, SipFailureReason.HEADER_VALUE_INVALID).quotedString("Reason text");
        }
        return new Reason(protocol, c, text);
    }

    static Event event(String value) {
        SipScanner s = new SipScanner(value, SipFailureReason.HEADER_VALUE_INVALID);
        s.skipWs();
        String pkg = s.token("Event package").toLowerCase(Locale.ROOT);
        Map<String, String> params = s.params("Event");
        end(s, "Event");
        return new Event(pkg, params.get("id"));
    }

    static SessionExpires sessionExpires(String value) {
        long seconds = deltaSeconds(value, SipHeaderNames.SESSION_EXPIRES);
        SipScanner s = new SipScanner(value, SipFailureReason.HEADER_VALUE_INVALID);
        s.skipWs();
        while (!s.atEnd() && Character.isDigit(s.peek())) {
            s.position(s.position() + 1);
        }
        Map<String, String> params = s.params("Session-Expires");
        end(s, "Session-Expires");
        String refresher = params.get("refresher");
        return new SessionExpires(seconds, refresher == null ? null : refresher.toLowerCase(Locale.ROOT));
    }

    private static void end(SipScanner s, String what) {
        if (!s.atEnd()) {
            throw s.fail("unexpected " + s.describeHere() + " in " + what);
        }
    }
}
