package org.audiostream.call.sip;

/**
 * What becomes of a blind transfer we asked for with {@link SipCall#transfer} (REFER, RFC 3515): first the
 * peer's answer to the REFER, then, if it accepted, its NOTIFYs with the new call's progress.
 *
 * <p>Threads: called on the SIP event loop; must not block.
 */
public interface TransferListener {

    /**
     * The peer answered the REFER: 2xx means it will try (NOTIFYs follow), anything else refused it.
     * {@code status} is 408 when no answer came, 0 when the REFER could not be sent at all.
     */
    void onReferAnswered(int status, String reason);

    /**
     * A NOTIFY reported the new call's status ({@code message/sipfrag}); {@code last} when the peer ended
     * the subscription, so that {@code status} is the transfer's outcome.
     */
    void onProgress(int status, String reason, boolean last);
}
