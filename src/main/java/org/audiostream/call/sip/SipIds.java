package org.audiostream.call.sip;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Random identifiers: branch (with the RFC 3261 magic cookie, §8.1.1.7), tags (§19.3, at least
 * 32 random bits) and Call-IDs.
 * Threads: thread-safe; any thread.
 */
final class SipIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private SipIds() {
    }

    static String branch() {
        return Via.MAGIC_COOKIE + random(8);
    }

    static String tag() {
        return random(6);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HEX.formatHex(b);
    }
}
