package org.audiostream.call.sip;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Our {@code o=} line state for one call (RFC 4566 §5.2, RFC 3264 §8): a random session id and a
 * version that goes up by one each time we send an SDP that differs from the previous one.
 * Threads: confined to the SIP event loop.
 */
final class SdpOrigin {

    private final String username;
    private final long sessionId = ThreadLocalRandom.current().nextLong(1, 1L << 53);
    private long version = sessionId;
    private String lastSent;

    SdpOrigin(String username) {
        this.username = username;
    }

    String username() {
        return username;
    }

    long sessionId() {
        return sessionId;
    }

    long version() {
        return version;
    }

    /**
     * Returns {@code sdp} if it equals what we sent last (same version), else the same SDP built
     * again by {@code rebuild} with the version incremented.
     */
    SessionDescription stamp(SessionDescription sdp, java.util.function.Supplier<SessionDescription> rebuild) {
        String body = sdp.toString();
        if (lastSent == null || body.equals(lastSent)) {
            lastSent = body;
            return sdp;
        }
        version++;
        SessionDescription bumped = rebuild.get();
        lastSent = bumped.toString();
        return bumped;
    }
}
