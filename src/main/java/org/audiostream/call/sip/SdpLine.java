package org.audiostream.call.sip;

/**
 * One SDP line {@code <type>=<value>} (RFC 4566 §5).
 * Threads: immutable; any thread.
 *
 * @param type the one-letter type
 * @param value everything after {@code =}
 */
public record SdpLine(char type, String value) {

    /** For {@code a=} lines: the attribute name (before {@code :}). */
    public String attributeName() {
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }

    /** For {@code a=} lines: the attribute value (after {@code :}), "" for a flag attribute. */
    public String attributeValue() {
        int colon = value.indexOf(':');
        return colon < 0 ? "" : value.substring(colon + 1);
    }

    @Override
    public String toString() {
        return type + "=" + value;
    }
}
