package org.audiostream.call.sip;

import java.net.InetSocketAddress;
import java.util.UUID;

/**
 * One call on the UAS as the session layer sees it: identity, the INVITE's headers (for
 * {@code X-AUDIO_STREAM_*} variables and routing), the current state and media, and hangup.
 * Threads: thread-safe; any thread may read and may call {@link #hangup}, which hops to the
 * SIP event loop.
 */
public interface SipCall {

    /** The session uuid used everywhere for this call (random). */
    UUID uuid();

    /** Call-ID of the dialog. */
    String callId();

    /** From of the INVITE (the caller). */
    NameAddr from();

    /** To of the INVITE, with our tag. */
    NameAddr to();

    /** Unescaped user part of the Request-URI, or "" when it has none. */
    String requestUser();

    /** The INVITE's Request-URI. */
    Uri requestUri();

    /** The INVITE's headers, read-only. */
    SipHeaders inviteHeaders();

    /** Where the INVITE came from (transport source address). */
    InetSocketAddress remoteSignalingAddress();

    SipCallState state();

    /** The current negotiated stream, or {@code null} before a late-offer answer arrives. */
    NegotiatedMedia media();

    /**
     * Ends the call with {@link HangupCause#NORMAL_CLEARING}: BYE with
     * {@code Reason: Q.850;cause=16;text="<reasonText>"} once answered, or a 480 response before.
     */
    void hangup(String reasonText);

    /** Ends the call with {@code cause}; see {@link #hangup(String)}. No-op once ended. */
    void hangup(HangupCause cause, String reasonText);

    /**
     * Asks the caller to call {@code referTo} instead (blind transfer): a REFER in the dialog with that
     * {@code Refer-To}. One transfer at a time; the outcome goes to {@code listener}. The call stays up
     * until someone hangs up.
     */
    void transfer(String referTo, TransferListener listener);
}
