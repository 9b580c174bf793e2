package org.audiostream.stream.ws;

import io.netty.util.NetUtil;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A validated {@code ws://} or {@code wss://} stream target, as accepted by
 * {@code uuid_audio_stream <uuid> start <ws-url> ...}.
 *
 * <p>Rules (mod_audio_stream's {@code validate_ws_uri}, widened to IP literals): scheme {@code ws} or
 * {@code wss}; host made of {@code [A-Za-z0-9.-]} in dot-separated labels of 1–63 characters, or an IPv4
 * literal, or a bracketed IPv6 literal; no user info; optional port 1–65535; at most
 * {@value #MAX_LENGTH} characters; path and query kept; no fragment (RFC 6455 §3). Threads: immutable.
 *
 * @param scheme {@code ws} or {@code wss}, lower case
 * @param host the host as written (lower case); IPv6 literals keep their brackets
 * @param port the explicit port, or 80 / 443 by scheme
 * @param pathAndQuery the path with its query, {@code /} when the URL had none
 */
public record WsUrl(String scheme, String host, int port, String pathAndQuery) {

    /** mod_audio_stream's {@code MAX_WS_URI}. */
    public static final int MAX_LENGTH = 4096;

    private static final int MAX_HOST_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    /**
     * Parses and validates a WebSocket URL.
     *
     * @throws IllegalArgumentException with a message of the form
     *     {@code WS URL rejected: <reason> (url=<text>)}
     */
    public static WsUrl parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("WS URL rejected: url is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("WS URL rejected: length=" + text.length() + " > " + MAX_LENGTH
                    + " characters (url starts " + quote(text.substring(0, 40)) + "...)");
        }
        int schemeEnd = text.indexOf("://");
        if (schemeEnd <= 0) {
            throw rejected("missing scheme, expected ws:// or wss://", text);
        }
        String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw rejected("scheme=" + quote(text.substring(0, schemeEnd)) + " not one of [ws, wss]", text);
        }
        int authorityStart = schemeEnd + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < text.length() && "/?#".indexOf(text.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        String authority = text.substring(authorityStart, authorityEnd);
        if (authority.indexOf('@') >= 0) {
            throw rejected("user info not allowed in the authority " + quote(authority), text);
        }
        String rest = text.substring(authorityEnd);
        if (rest.indexOf('#') >= 0) {
            throw rejected("fragment not allowed (RFC 6455 §3)", text);
        }

        String host;
        String portText;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw rejected("unclosed '[' in IPv6 host " + quote(authority), text);
            }
            host = authority.substring(0, close + 1);
            String literal = authority.substring(1, close);
            if (!NetUtil.isValidIpV6Address(literal)) {
                throw rejected("host=" + quote(host) + " is not a valid IPv6 literal", text);
            }
            String after = authority.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw rejected("unexpected " + quote(after) + " after IPv6 host " + host, text);
            }
            portText = after.isEmpty() ? null : after.substring(1);
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
            checkHostName(host, text);
        }
        int port = portText == null ? defaultPort(scheme) : parsePort(portText, text);

        String pathAndQuery = rest.isEmpty() ? "/" : rest.startsWith("?") ? "/" + rest : rest;
        for (int i = 0; i < pathAndQuery.length(); i++) {
            char c = pathAndQuery.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw rejected(String.format("character U+%04X at index %d of the path must be percent-encoded",
                        (int) c, authorityEnd + i), text);
            }
        }
        try {
            new URI(scheme + "://" + authority + pathAndQuery);
        } catch (URISyntaxException e) {
            throw rejected("path or query is not a valid URI: " + e.getReason() + " at index " + e.getIndex(), text);
        }
        return new WsUrl(scheme, host.toLowerCase(Locale.ROOT), port, pathAndQuery);
    }

    /** {@code true} for {@code wss}. */
    public boolean secure() {
        return scheme.equals("wss");
    }

    /** The URL in canonical form: lower-case scheme and host, explicit port only when not the default. */
    @Override
    public String toString() {
        return scheme + "://" + host + (port == defaultPort(scheme) ? "" : ":" + port) + pathAndQuery;
    }

    /** The canonical form as a {@link URI} for the handshake request. */
    public URI toUri() {
        return URI.create(toString());
    }

    /**
     * The circuit-breaker key: scheme, host and explicit port. A dead server is dead for every path, and apps
     * commonly put the call id in the path, so sessions that differ only in path or query share one breaker.
     */
    public String targetKey() {
        return scheme + "://" + host + ":" + port;
    }

    /** The host as a socket address host name: IPv6 literals without brackets. */
    public String socketHost() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    private static void checkHostName(String host, String url) {
        if (host.isEmpty()) {
            throw rejected("host is empty", url);
        }
        if (host.length() > MAX_HOST_LENGTH) {
            throw rejected("host length=" + host.length() + " > " + MAX_HOST_LENGTH, url);
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-';
            if (!ok) {
                throw rejected(String.format("host character %s (U+%04X) not allowed, host may use [A-Za-z0-9.-]",
                        quote(String.valueOf(c)), (int) c), url);
            }
        }
        if (host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            if (!NetUtil.isValidIpV4Address(host)) {
                throw rejected("host=" + quote(host) + " is not a valid IPv4 literal", url);
            }
            return;
        }
        for (String label : host.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH) {
                throw rejected("host=" + quote(host) + " has a label of length " + label.length()
                        + ", labels must be 1-" + MAX_LABEL_LENGTH + " characters", url);
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                throw rejected("host=" + quote(host) + " has a label starting or ending with '-'", url);
            }
        }
    }

    private static int parsePort(String portText, String url) {
        if (portText.isEmpty()) {
            throw rejected("port is empty after ':'", url);
        }
        if (portText.length() > 5 || !portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw rejected("port=" + quote(portText) + " is not a number in 1-65535", url);
        }
        int port = Integer.parseInt(portText);
        if (port < 1 || port > 65535) {
            throw rejected("port=" + port + " out of range 1-65535", url);
        }
        return port;
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("wss") ? 443 : 80;
    }

    private static IllegalArgumentException rejected(String reason, String url) {
        return new IllegalArgumentException("WS URL rejected: " + reason + " (url=" + url + ")");
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}
