package org.audiostream.call.sip;

/**
 * Reports the outcome of a transfer requested by REFER (RFC 3515) back to the referrer: each call
 * sends a NOTIFY whose {@code message/sipfrag} body is the status line. {@code SIP/2.0 100
 * Trying} has already been sent when {@link CallHandler#onRefer} runs.
 * Threads: thread-safe; any thread may call; the NOTIFY is sent from the SIP event loop.
 */
public interface ReferProgress {

    /** A provisional outcome, e.g. {@code 180 Ringing}; the subscription stays active. */
    void provisional(int status, String reasonPhrase);

    /** The final outcome, e.g. {@code 200 OK} or {@code 503 Service Unavailable}; ends the subscription. */
    void finish(int status, String reasonPhrase);
}
