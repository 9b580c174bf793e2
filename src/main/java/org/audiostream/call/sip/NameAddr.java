package org.audiostream.call.sip;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A From, To, Contact, Route, Record-Route or Refer-To value (RFC 3261 §20.10): optional display
 * name, URI, header parameters. Always serialised in the name-addr form with angle brackets.
 * Threads: immutable; any thread.
 *
 * @param displayName display name with quoted-pairs resolved, or {@code null}
 * @param uri the address
 * @param params header parameters, lower-case names, raw values (quoted values keep quotes),
 *     {@code null} for a parameter without value
 */
public record NameAddr(String displayName, Uri uri, Map<String, String> params) {

    public NameAddr {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static NameAddr of(Uri uri) {
        return new NameAddr(null, uri, Map.of());
    }

    /** The {@code tag} parameter, or {@code null}. */
    public String tag() {
        return params.get("tag");
    }

    /** This value with {@code tag} set to {@code tag}. */
    public NameAddr withTag(String tag) {
        Map<String, String> p = new LinkedHashMap<>(params);
        p.put("tag", tag);
        return new NameAddr(displayName, uri, p);
    }

    /** The URI if it is a SIP/SIPS URI, else {@code null}. */
    public SipUri sipUri() {
        return uri instanceof SipUri s ? s : null;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(80);
        if (displayName != null && !displayName.isEmpty()) {
            sb.append('"');
            for (int i = 0; i < displayName.length(); i++) {
                char c = displayName.charAt(i);
                if (c == '"' || c == '\\') {
                    sb.append('\\');
                }
                sb.append(c);
            }
            sb.append("\" ");
        }
        sb.append('<').append(uri).append('>');
        appendParams(sb, params);
        return sb.toString();
    }

    static void appendParams(StringBuilder sb, Map<String, String> params) {
        params.forEach((k, v) -> {
            sb.append(';').append(k);
            if (v != null) {
                sb.append('=').append(v);
            }
        });
    }
}
