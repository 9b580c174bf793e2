package org.audiostream.call.sip;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A SIP or SIPS URI (RFC 3261 §19.1). The user, password, parameters and headers are kept in
 * their escaped wire form so a URI serialises back byte for byte; accessors return unescaped
 * values for comparison and display.
 * Threads: immutable; any thread.
 *
 * @param secure {@code true} for {@code sips:}
 * @param userRaw escaped user part, or {@code null} when the URI has no userinfo
 * @param passwordRaw escaped password, or {@code null}
 * @param host host name, IPv4 address or bracketed IPv6 reference, as written
 * @param port port, or -1 when absent
 * @param paramsRaw the uri-parameters including each leading {@code ;}, or empty
 * @param headersRaw the headers including the leading {@code ?}, or empty
 */
public record SipUri(boolean secure, String userRaw, String passwordRaw, String host, int port,
                     String paramsRaw, String headersRaw) implements Uri {

    /** A plain {@code sip:user@host:port} URI; {@code user} may be null. */
    public static SipUri of(String user, String host, int port) {
        return new SipUri(false, user == null ? null : SipEscaping.escapeUser(user), null,
                host, port, "", "");
    }

    @Override
    public String scheme() {
        return secure ? "sips" : "sip";
    }

    /** Unescaped user part, or {@code null}. */
    public String user() {
        return userRaw == null ? null : SipEscaping.unescape(userRaw);
    }

    /** Unescaped URI parameters with lower-case names; a parameter without value maps to "". */
    public Map<String, String> params() {
        Map<String, String> out = new LinkedHashMap<>();
        if (paramsRaw.isEmpty()) {
            return out;
        }
        for (String p : paramsRaw.substring(1).split(";", -1)) {
            int eq = p.indexOf('=');
            String name = SipEscaping.unescape(eq < 0 ? p : p.substring(0, eq)).toLowerCase(Locale.ROOT);
            out.put(name, eq < 0 ? "" : SipEscaping.unescape(p.substring(eq + 1)));
        }
        return Collections.unmodifiableMap(out);
    }

    /** The unescaped value of a URI parameter, "" when present without value, null when absent. */
    public String param(String name) {
        return params().get(name.toLowerCase(Locale.ROOT));
    }

    /** The {@code transport} parameter in lower case, or {@code null}. */
    public String transport() {
        String t = param("transport");
        return t == null ? null : t.toLowerCase(Locale.ROOT);
    }

    /** Host without IPv6 brackets, for socket addresses. */
    public String hostAddress() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** This URI with the headers component removed (RFC 3261 §19.1.5 forbids it in some places). */
    public SipUri withoutHeaders() {
        return new SipUri(secure, userRaw, passwordRaw, host, port, paramsRaw, "");
    }

    /** This URI with one more {@code ;name} or {@code ;name=value} parameter. */
    public SipUri withParam(String name, String value) {
        String p = paramsRaw + ';' + name + (value == null ? "" : "=" + value);
        return new SipUri(secure, userRaw, passwordRaw, host, port, p, headersRaw);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(64).append(scheme()).append(':');
        if (userRaw != null) {
            sb.append(userRaw);
            if (passwordRaw != null) {
                sb.append(':').append(passwordRaw);
            }
            sb.append('@');
        }
        sb.append(host);
        if (port >= 0) {
            sb.append(':').append(port);
        }
        return sb.append(paramsRaw).append(headersRaw).toString();
    }
}
