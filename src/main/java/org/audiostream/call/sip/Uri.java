package org.audiostream.call.sip;

/**
 * A URI as it appears in a Request-URI or a name-addr: a SIP/SIPS URI we understand
 * ({@link SipUri}) or any other scheme kept as opaque text ({@link OpaqueUri}), which a UAS must
 * still parse (RFC 4475 §3.3.2–§3.3.4).
 * Threads: immutable; any thread.
 */
public sealed interface Uri permits SipUri, OpaqueUri {

    /** Scheme in lower case, e.g. {@code sip}, {@code tel}. */
    String scheme();

    /** The URI serialised as it goes on the wire. */
    @Override
    String toString();
}
