package org.audiostream.call.sip;

import java.util.Map;

/**
 * Parses one name-addr or addr-spec with header parameters (RFC 3261 §20.10, §25.1). Lenient where
 * RFC 4475 asks for it: unquoted display names with non-token characters (§3.1.2.15), LWS inside
 * the angle brackets (§3.1.2.14), a URI with headers outside angle brackets (§3.1.2.13).
 * Without angle brackets, everything after the first {@code ;} is header parameters (§20.10).
 * Threads: stateless; any thread.
 */
final class NameAddrParser {

    private NameAddrParser() {
    }

    static NameAddr parse(String value) {
        SipScanner s = new SipScanner(value, SipFailureReason.ADDRESS_INVALID);
        s.skipWs();
        if (s.atEnd()) {
            throw s.fail("empty address");
        }
        String display = null;
        Uri uri;
        int lt = indexOfUnquoted(value, '<');
        if (s.peek() == '"') {
            display = s.quotedString("display name");
            s.skipWs();
            if (s.peek() != '<') {
                throw s.fail("expected '<' after display name but found " + s.describeHere());
            }
            uri = bracketed(s);
        } else if (lt >= 0) {
            String raw = value.substring(s.position(), lt).strip();
            if (raw.indexOf('"') >= 0) {
                throw s.fail("stray quote in display name");
            }
            display = raw.isEmpty() ? null : raw;
            s.position(lt);
            uri = bracketed(s);
        } else {
            int start = s.position();
            int semi = value.indexOf(';', start);
            int end = semi < 0 ? value.length() : semi;
            String text = value.substring(start, end).strip();
            uri = parseUri(text, start);
            s.position(end);
        }
        Map<String, String> params = s.params("address");
        if (!s.atEnd()) {
            throw s.fail("unexpected " + s.describeHere() + " after address");
        }
        return new NameAddr(display, uri, params);
    }

    private static Uri bracketed(SipScanner s) {
        String text = s.text();
        int open = s.position();
        int close = text.indexOf('>', open);
        if (close < 0) {
            throw s.fail("unterminated '<' in address");
        }
        Uri uri = parseUri(text.substring(open + 1, close).strip(), open + 1);
        s.position(close + 1);
        return uri;
    }

    private static Uri parseUri(String text, int base) {
        try {
            return SipUriParser.parse(text, SipFailureReason.ADDRESS_INVALID);
        } catch (SipParseException e) {
            SipParseFailure f = e.failureAt(base);
            throw new SipParseException(f.reason(), f.detail(), f.offset());
        }
    }

    /** Index of {@code c} outside quoted strings, or -1; unbalanced quotes count as quoted. */
    static int indexOfUnquoted(String s, char c) {
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (quoted && ch == '\\') {
                i++;
            } else if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && ch == c) {
                return i;
            }
        }
        return -1;
    }
}
