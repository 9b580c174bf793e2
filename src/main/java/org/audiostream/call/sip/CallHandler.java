package org.audiostream.call.sip;

/**
 * The session layer as the UAS sees it: told about each call's life, asked for media.
 * Threads: every method is called on the UAS's SIP event loop and must not block (hand work
 * to another thread and return). {@link #onEnded} is called exactly once for every call whose
 * {@link #onInvite} was called, on every path (remote BYE, CANCEL, no ACK, shutdown, error, local
 * hangup, rejection in {@code onInvite}).
 */
public interface CallHandler {

    /**
     * A new INVITE passed admission and SDP negotiation. Allocate media and return the local RTP
     * address and port for our SDP, or throw {@link CallRejection}.
     *
     * @param media the negotiated stream, or {@code null} for a late offer (INVITE without SDP):
     *     then our offer goes in the 200 OK and the answer arrives with the ACK, reported through
     *     {@link #onMediaChanged} just before {@link #onAnswered}
     */
    MediaAnswer onInvite(SipCall call, NegotiatedMedia media) throws CallRejection;

    /**
     * Why a new call could not get media now (no RTP port pair free, the media clock overloaded), or
     * {@code null} if it could. While non-null, INVITE and OPTIONS are answered 503 with Retry-After,
     * so a load balancer sends calls elsewhere.
     */
    default CallRefusal refusal() {
        return null;
    }

    /** The ACK for our 200 OK arrived: the call is up. */
    void onAnswered(SipCall call);

    /** A re-INVITE, UPDATE or late-offer answer changed the stream (hold/unhold, new address, codec). */
    void onMediaChanged(SipCall call, NegotiatedMedia media);

    /** The call is over; release its media. */
    void onEnded(SipCall call, HangupCause cause);

    /**
     * The peer asked us to transfer the call (REFER). 202 Accepted and the first NOTIFY
     * ({@code SIP/2.0 100 Trying}) have been sent; report the outcome through {@code progress}.
     *
     * @param referTo the Refer-To value as received, e.g. {@code <sip:bob@example.com>}
     */
    void onRefer(SipCall call, String referTo, ReferProgress progress);
}
