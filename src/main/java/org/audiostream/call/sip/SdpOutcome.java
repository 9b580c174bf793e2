package org.audiostream.call.sip;

/**
 * Result of processing a peer's SDP offer or answer: accepted with the negotiated stream, or
 * rejected with the status and Warning code (RFC 3261 §20.43) the UAS answers with.
 * Threads: immutable; any thread.
 */
sealed interface SdpOutcome {

    /**
     * @param media the negotiated audio stream
     * @param remote the peer's SDP
     * @param mediaIndex index of the accepted audio section in {@code remote}
     */
    record Accepted(NegotiatedMedia media, SessionDescription remote, int mediaIndex) implements SdpOutcome {
    }

    /**
     * @param status 488 when we cannot accept it, 400 when it is malformed
     * @param warningCode e.g. 305 "Incompatible media format"
     * @param text e.g. {@code SDP offer rejected: no common codec; offered [...], we accept [...]}
     */
    record Rejected(int status, int warningCode, String text) implements SdpOutcome {
    }
}
