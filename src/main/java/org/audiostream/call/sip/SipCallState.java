package org.audiostream.call.sip;

/**
 * Where a call stands, as the session layer sees it.
 * Threads: immutable; any thread.
 */
public enum SipCallState {
    /** INVITE received and accepted by {@code onInvite}; ringing or about to answer. */
    INCOMING,
    /** We sent 200 OK; waiting for the ACK. */
    ANSWERED,
    /** ACK received: the call is up. */
    CONFIRMED,
    /** Over; {@code onEnded} has been called. */
    ENDED
}
