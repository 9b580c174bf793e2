package org.audiostream.call.sip;

/**
 * A URI with a scheme other than sip/sips (RFC 3261 §19.1.6 absoluteURI), e.g. {@code tel:},
 * {@code http://...}: kept verbatim.
 * Threads: immutable; any thread.
 *
 * @param scheme the scheme in lower case
 * @param text the full URI text as received
 */
public record OpaqueUri(String scheme, String text) implements Uri {

    @Override
    public String toString() {
        return text;
    }
}
