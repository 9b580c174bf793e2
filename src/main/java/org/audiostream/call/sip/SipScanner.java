package org.audiostream.call.sip;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cursor over one unfolded header value with the lexical rules of RFC 3261 §25.1: tokens,
 * quoted strings with quoted-pairs, SWS around separators, and generic parameters. Every failure
 * is a {@link SipParseException} carrying the offset inside the value.
 * Threads: confined to the parsing thread; one instance per value.
 */
final class SipScanner {

    private final String text;
    private final SipFailureReason reason;
    private int pos;

    SipScanner(String text, SipFailureReason reason) {
        this.text = text;
        this.reason = reason;
    }

    static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-.!%*_+`'~".indexOf(c) >= 0;
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    int position() {
        return pos;
    }

    void position(int p) {
        pos = p;
    }

    String text() {
        return text;
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    char peek() {
        return atEnd() ? '\0' : text.charAt(pos);
    }

    void skipWs() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    /** Skips SWS, consumes {@code c} if present (and SWS after it). */
    boolean accept(char c) {
        int save = pos;
        skipWs();
        if (peek() == c) {
            pos++;
            skipWs();
            return true;
        }
        pos = save;
        return false;
    }

    void expect(char c, String what) {
        if (!accept(c)) {
            throw fail("expected '" + c + "' " + what + " but found " + describeHere());
        }
    }

    String token(String what) {
        int start = pos;
        while (pos < text.length() && isTokenChar(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw fail("expected " + what + " but found " + describeHere());
        }
        return text.substring(start, pos);
    }

    /** Reads a quoted-string at the cursor and returns its content with quoted-pairs resolved. */
    String quotedString(String what) {
        int start = pos;
        if (peek() != '"') {
            throw fail("expected quoted " + what + " but found " + describeHere());
        }
        pos++;
        StringBuilder out = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    break;
                }
                char q = text.charAt(pos++);
                if (q == '\r' || q == '\n') {  // RFC 3261 §25.1: quoted-pair excludes CR and LF
                    pos = start;
                    throw fail("quoted-pair escapes CR/LF in " + what);
                }
                out.append(q);
            } else {
                out.append(c);
            }
        }
        pos = start;
        throw fail("unterminated quoted string in " + what);
    }

    /**
     * Reads {@code *( SEMI generic-param )} up to the end or to a character that cannot continue
     * it. Names are lower-cased; a value keeps its quotes so it serialises back unchanged; a
     * parameter without value maps to {@code null}.
     */
    Map<String, String> params(String what) {
        Map<String, String> params = new LinkedHashMap<>();
        while (accept(';')) {
            String name = token("parameter name in " + what).toLowerCase(java.util.Locale.ROOT);
            String value = null;
            if (accept('=')) {
                value = peek() == '"' ? '"' + quotedRaw(what) + '"' : paramValue(what);
            }
            params.put(name, value);
        }
        skipWs();
        return params;
    }

    private String quotedRaw(String what) {
        int start = pos;
        quotedString("parameter value in " + what);
        return text.substring(start + 1, pos - 1);
    }

    private String paramValue(String what) {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (!isTokenChar(c) && c != ':' && c != '[' && c != ']') {
                break;
            }
            pos++;
        }
        if (pos == start) {
            throw fail("empty parameter value in " + what);
        }
        return text.substring(start, pos);
    }

    String describeHere() {
        if (atEnd()) {
            return "end of value";
        }
        int end = Math.min(text.length(), pos + 12);
        return "'" + text.substring(pos, end) + "'";
    }

    SipParseException fail(String detail) {
        return new SipParseException(reason, detail, pos);
    }
}
