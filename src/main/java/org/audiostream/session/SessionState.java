package org.audiostream.session;

/** Where a media session is in its life. */
public enum SessionState {
    /** Answered, media flowing, no stream target: waiting for an API {@code start}. */
    PARKED,
    /** Capture and inject paths connected to a stream target. */
    STREAMING,
    /** The target failed; the call is still up (health UNHEALTHY until stopped or restarted). */
    ERROR,
    /** Teardown started; no new work is accepted. */
    CLOSING,
    CLOSED
}
