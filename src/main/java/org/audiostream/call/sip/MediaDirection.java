package org.audiostream.call.sip;

import java.util.Locale;

/**
 * SDP direction attributes (RFC 4566 §6, RFC 3264 §5.1, §6.1), always from the point of view of
 * the side whose SDP carries them.
 * Threads: immutable; any thread.
 */
public enum MediaDirection {
    SENDRECV,
    SENDONLY,
    RECVONLY,
    INACTIVE;

    /** The direction to answer with (RFC 3264 §6.1): sendonly ↔ recvonly, others unchanged. */
    public MediaDirection reverse() {
        return switch (this) {
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            default -> this;
        };
    }

    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    /** The direction that also stops sending (hold by {@code c=0.0.0.0}, RFC 3264 §8.4). */
    public MediaDirection withoutReceiving() {
        return switch (this) {
            case SENDRECV, SENDONLY -> SENDONLY;
            default -> INACTIVE;
        };
    }

    /** The attribute name, e.g. {@code sendrecv}. */
    public String attribute() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an attribute name; {@code null} when it is not a direction. */
    static MediaDirection fromAttribute(String name) {
        return switch (name) {
            case "sendrecv" -> SENDRECV;
            case "sendonly" -> SENDONLY;
            case "recvonly" -> RECVONLY;
            case "inactive" -> INACTIVE;
            default -> null;
        };
    }
}
