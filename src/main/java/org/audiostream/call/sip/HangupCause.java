package org.audiostream.call.sip;

/**
 * Why a call ended, with the ITU-T Q.850 cause we put in {@code Reason: Q.850;cause=N} (RFC 3326)
 * when we end it. Names follow the FreeSWITCH hangup-cause vocabulary operators know.
 * Threads: immutable; any thread.
 */
public enum HangupCause {
    /** A side hung up normally (remote BYE, or local {@code hangup()}). */
    NORMAL_CLEARING(16, "Normal call clearing"),
    /** The caller cancelled before we answered (CANCEL, RFC 3261 §9). */
    ORIGINATOR_CANCEL(31, "Originator cancel"),
    /** No ACK for our 2xx within 64·T1 (RFC 3261 §13.3.1.4); we sent BYE. */
    ACK_TIMEOUT(102, "Recovery on timer expiry"),
    /** No session refresh before Session-Expires ran out (RFC 4028 §10); we sent BYE. */
    SESSION_TIMEOUT(102, "Session refresh timeout"),
    /** The media layer saw no RTP for too long. */
    RTP_TIMEOUT(102, "RTP timeout"),
    /** The service is shutting down. */
    SYSTEM_SHUTDOWN(41, "System shutdown"),
    /** The session layer refused the call in {@code onInvite} (CallRejection). */
    CALL_REJECTED(21, "Call rejected"),
    /** Media could not be set up or failed (handler error, bad answer in ACK). */
    MEDIA_ERROR(47, "Media error"),
    /** The peer's SDP answer was not acceptable (late offer). */
    INCOMPATIBLE_MEDIA(88, "Incompatible media"),
    /** The peer stopped answering in-dialog requests (408/481 or timeout on a refresh). */
    NETWORK_FAILURE(38, "Network out of order"),
    /** {@code uuid_kill <uuid> USER_BUSY}: the app decided the callee is busy. */
    USER_BUSY(17, "User busy"),
    /** {@code uuid_kill <uuid> NO_ANSWER}. */
    NO_ANSWER(19, "No answer"),
    /** {@code uuid_kill <uuid> NORMAL_TEMPORARY_FAILURE}: the app asks the caller to try again later. */
    NORMAL_TEMPORARY_FAILURE(41, "Normal temporary failure");

    private final int q850;
    private final String text;

    HangupCause(int q850, String text) {
        this.q850 = q850;
        this.text = text;
    }

    /** Q.850 cause value for the Reason header. */
    public int q850() {
        return q850;
    }

    /** Default text for the Reason header. */
    public String text() {
        return text;
    }
}
