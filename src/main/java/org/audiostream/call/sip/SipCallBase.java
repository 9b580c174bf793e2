package org.audiostream.call.sip;

import java.net.InetSocketAddress;
import java.util.UUID;

/**
 * The read side of a call that the session layer sees through {@link SipCall}: identity fixed at
 * the INVITE, plus the state and media that {@link UasCall} updates. Threads: identity is final;
 * state and media are volatile, written on the SIP event loop and read from any thread.
 */
abstract class SipCallBase implements SipCall {

    final SipDialog dialog;
    private final UUID uuid = UUID.randomUUID();
    private final String sessionUuid = uuid.toString();
    private final SipRequest invite;
    private final InetSocketAddress source;
    private volatile SipCallState state = SipCallState.INCOMING;
    private volatile NegotiatedMedia media;

    SipCallBase(SipRequest invite, InboundSip in) {
        this.invite = invite;
        this.source = in.remote();
        this.dialog = new SipDialog(invite, SipIds.tag(), in);
    }

    final SipRequest invite() {
        return invite;
    }

    final void state(SipCallState state) {
        this.state = state;
    }

    final void media(NegotiatedMedia media) {
        this.media = media;
    }

    @Override
    public final UUID uuid() {
        return uuid;
    }

    /** {@link #uuid()} as text, for the uuid slot of log lines. */
    final String sessionUuid() {
        return sessionUuid;
    }

    @Override
    public final String callId() {
        return dialog.callId;
    }

    @Override
    public final NameAddr from() {
        return dialog.remote;
    }

    @Override
    public final NameAddr to() {
        return dialog.local;
    }

    @Override
    public final String requestUser() {
        return invite.requestUri() instanceof SipUri u && u.user() != null ? u.user() : "";
    }

    @Override
    public final Uri requestUri() {
        return invite.requestUri();
    }

    @Override
    public final SipHeaders inviteHeaders() {
        return invite.headers();
    }

    @Override
    public final InetSocketAddress remoteSignalingAddress() {
        return source;
    }

    @Override
    public final SipCallState state() {
        return state;
    }

    @Override
    public final NegotiatedMedia media() {
        return media;
    }

    @Override
    public String toString() {
        return "SipCall[uuid=" + uuid + ", callId=" + dialog.callId + ", state=" + state + "]";
    }
}
