package org.audiostream.call.sip;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Via value (RFC 3261 §20.42) with the parameters a UAS needs: {@code branch},
 * {@code received} and {@code rport} (RFC 3581).
 * Threads: immutable; any thread.
 *
 * @param protocol sent-protocol name and version, normalised to e.g. {@code SIP/2.0}
 * @param transport transport in upper case, e.g. {@code UDP}
 * @param host sent-by host as written (IPv6 with brackets)
 * @param port sent-by port, or -1
 * @param params parameters, lower-case names, raw values, {@code null} for no value
 */
public record Via(String protocol, String transport, String host, int port, Map<String, String> params) {

    /** RFC 3261 §8.1.1.7 magic cookie that marks an RFC 3261 branch. */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    public Via {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public String branch() {
        return params.get("branch");
    }

    /**
     * Whether the branch starts with the magic cookie and has something after it; a bare cookie
     * gets RFC 2543 matching (RFC 4475 §3.2.1).
     */
    public boolean hasRfc3261Branch() {
        String b = branch();
        return b != null && b.length() > MAGIC_COOKIE.length() && b.startsWith(MAGIC_COOKIE);
    }

    public String received() {
        return params.get("received");
    }

    /** Whether the {@code rport} parameter is present (with or without value). */
    public boolean hasRport() {
        return params.containsKey("rport");
    }

    /** {@code host:port} or {@code host} as it appears, for transaction matching. */
    public String sentBy() {
        return port < 0 ? host : host + ':' + port;
    }

    /** This Via with {@code name} set to {@code value} ({@code null} for no value). */
    public Via withParam(String name, String value) {
        Map<String, String> p = new LinkedHashMap<>(params);
        p.put(name, value);
        return new Via(protocol, transport, host, port, p);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(80).append(protocol).append('/').append(transport)
                .append(' ').append(sentBy());
        NameAddr.appendParams(sb, params);
        return sb.toString();
    }
}
