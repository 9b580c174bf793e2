package org.audiostream.call.sip;

import java.util.Locale;

/**
 * Parses URIs per RFC 3261 §19.1 and §25.1: {@code sip:}/{@code sips:} into {@link SipUri}
 * (user, password, host incl. IPv6 reference, port, parameters, headers, escapes checked), other
 * schemes into {@link OpaqueUri}.
 * Threads: stateless; any thread.
 */
final class SipUriParser {

    private static final String UNRESERVED_MARK = "-_.!~*'()";
    private static final String USER_EXTRA = "&=+$,;?/";
    private static final String PASSWORD_EXTRA = "&=+$,";
    private static final String PARAM_EXTRA = "[]/:&+$";
    private static final String HEADER_EXTRA = "[]/?:+$";

    private SipUriParser() {
    }

    /** Parses {@code text}; failures carry {@code reason} and an offset inside {@code text}. */
    static Uri parse(String text, SipFailureReason reason) {
        int colon = text.indexOf(':');
        if (colon <= 0 || !isScheme(text.substring(0, colon))) {
            throw new SipParseException(reason, "URI has no valid scheme: '" + abbreviate(text) + "'", 0);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == 0x7f) {
                throw new SipParseException(reason, "URI contains illegal character 0x"
                        + Integer.toHexString(c) + ": '" + abbreviate(text) + "'", i);
            }
        }
        String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("sip") && !scheme.equals("sips")) {
            if (colon + 1 >= text.length()) {
                throw new SipParseException(reason, "URI has nothing after scheme '" + scheme + "'", colon);
            }
            return new OpaqueUri(scheme, text);
        }
        return parseSip(text, colon + 1, scheme.equals("sips"), reason);
    }

    private static SipUri parseSip(String text, int start, boolean secure, SipFailureReason reason) {
        String user = null;
        String password = null;
        int hostStart = start;
        int at = text.indexOf('@', start);
        if (at >= 0) {
            String userinfo = text.substring(start, at);
            int pc = userinfo.indexOf(':');
            user = pc < 0 ? userinfo : userinfo.substring(0, pc);
            password = pc < 0 ? null : userinfo.substring(pc + 1);
            check(user, USER_EXTRA, "user", start, reason, false);
            if (password != null) {
                check(password, PASSWORD_EXTRA, "password", start + pc + 1, reason, true);
            }
            hostStart = at + 1;
        }
        int q = text.indexOf('?', hostStart);
        int hostEnd = q < 0 ? text.length() : q;
        int semi = text.indexOf(';', hostStart);
        if (semi >= 0 && semi < hostEnd) {
            hostEnd = semi;
        }
        String hostport = text.substring(hostStart, hostEnd);
        String host;
        int port = -1;
        int portColon;
        if (hostport.startsWith("[")) {
            int close = hostport.indexOf(']');
            if (close < 0 || !isIpv6(hostport.substring(1, close))) {
                throw new SipParseException(reason, "bad IPv6 reference in URI host: '" + hostport + "'", hostStart);
            }
            host = hostport.substring(0, close + 1);
            portColon = close + 1 < hostport.length() ? close + 1 : -1;
            if (portColon >= 0 && hostport.charAt(portColon) != ':') {
                throw new SipParseException(reason, "junk after IPv6 reference: '" + hostport + "'", hostStart);
            }
        } else {
            portColon = hostport.indexOf(':');
            host = portColon < 0 ? hostport : hostport.substring(0, portColon);
            if (!isHostname(host)) {
                throw new SipParseException(reason, "bad URI host: '" + host + "'", hostStart);
            }
        }
        if (portColon >= 0) {
            port = parsePort(hostport.substring(portColon + 1), reason, hostStart + portColon + 1);
        }
        String params = semi >= 0 && (q < 0 || semi < q) ? text.substring(semi, q < 0 ? text.length() : q) : "";
        String headers = q < 0 ? "" : text.substring(q);
        if (!params.isEmpty()) {
            for (String p : params.substring(1).split(";", -1)) {
                int eq = p.indexOf('=');
                check(eq < 0 ? p : p.substring(0, eq), PARAM_EXTRA, "URI parameter name", semi, reason, false);
                if (eq >= 0) {
                    check(p.substring(eq + 1), PARAM_EXTRA, "URI parameter value", semi, reason, false);
                }
            }
        }
        if (!headers.isEmpty()) {
            for (String h : headers.substring(1).split("&", -1)) {
                int eq = h.indexOf('=');
                if (eq < 0) {
                    throw new SipParseException(reason, "URI header without '=': '" + h + "'", q);
                }
                check(h.substring(0, eq), HEADER_EXTRA, "URI header name", q, reason, false);
                check(h.substring(eq + 1), HEADER_EXTRA, "URI header value", q, reason, true);
            }
        }
        return new SipUri(secure, user, password, host, port, params, headers);
    }

    static int parsePort(String s, SipFailureReason reason, int offset) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new SipParseException(reason, "bad port: '" + s + "'", offset);
        }
        int port = Integer.parseInt(s);
        if (port > 65535) {
            throw new SipParseException(reason, "port=" + port + " > 65535", offset);
        }
        return port;
    }

    private static void check(String s, String extra, String what, int offset, SipFailureReason reason,
                              boolean mayBeEmpty) {
        if (s.isEmpty() && !mayBeEmpty) {
            throw new SipParseException(reason, "empty " + what + " in URI", offset);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || UNRESERVED_MARK.indexOf(c) >= 0 || extra.indexOf(c) >= 0 || c == '%';
            if (!ok) {
                throw new SipParseException(reason, "illegal character '" + c + "' in " + what + ": '" + s + "'", offset);
            }
        }
        int bad = SipEscaping.badEscapeAt(s);
        if (bad >= 0) {
            throw new SipParseException(reason, "bad %-escape in " + what + ": '" + s + "'", offset + bad);
        }
    }

    static boolean isScheme(String s) {
        if (s.isEmpty() || !Character.isLetter(s.charAt(0)) || s.charAt(0) > 0x7f) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /** Host names and IPv4 addresses; '_' is tolerated as many deployed hosts use it. */
    static boolean isHostname(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Character-level IPv6 check; RFC 5118 §4.6 asks receivers to tolerate {@code :::} forms. */
    static boolean isIpv6(String s) {
        if (s.indexOf(':') < 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(SipEscaping.isHex(c) || c == ':' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
