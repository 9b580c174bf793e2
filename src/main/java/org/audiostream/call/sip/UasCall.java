package org.audiostream.call.sip;

import org.audiostream.call.MediaDirection;
import io.netty.util.concurrent.ScheduledFuture;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;

/**
 * One call on the UAS: from the INVITE through answer, ACK and the end on every path (CANCEL,
 * remote BYE, no ACK, local hangup, shutdown, session expiry, rejection). Guarantees one
 * {@link CallHandler#onEnded} per call. Re-INVITE/UPDATE offers are handled by
 * {@link DialogOfferAnswer}, REFER by {@link ReferSubscription}, refresh timing by
 * {@link SessionTimer}.
 * Threads: state changes happen on the SIP event loop; {@link #hangup} hops there; the
 * read-only {@link SipCall} accessors may be called from any thread.
 */
final class UasCall extends SipCallBase implements InviteServerTransaction.Listener {

    private static final Log LOG = Log.of(Component.SIP);

    final UasContext ctx;
    final SdpOrigin origin;
    final InviteServerTransaction initialInvite;
    final SessionTimer sessionTimer;
    final OutgoingTransfer transfers = new OutgoingTransfer(this);

    // Written on the event loop only.
    MediaAnswer local;
    /** INVITE (initial or re-INVITE) whose 2xx has not been acknowledged yet. */
    InviteServerTransaction awaitingAck;
    /** We sent an offer in a 2xx; the answer arrives in the ACK. */
    boolean ourOfferPending;
    private SdpOutcome.Accepted initialOffer;
    private ScheduledFuture<?> answerTimer;
    private HangupCause byeOnAck;
    private String byeOnAckText;

    UasCall(UasContext ctx, SipRequest invite, InboundSip in, InviteServerTransaction ist) {
        super(invite, in);
        this.ctx = ctx;
        this.initialInvite = ist;
        this.origin = new SdpOrigin("audiostream");
        this.sessionTimer = new SessionTimer(this);
    }

    /** Asks the session layer for media, then rings and answers (now or after the answer delay). */
    void start(SdpOutcome.Accepted offer) {
        initialOffer = offer;
        media(offer == null ? null : offer.media());
        try {
            local = ctx.handler.onInvite(this, media());
            if (local == null) {
                throw new IllegalStateException("CallHandler.onInvite returned null");
            }
        } catch (CallRejection e) {
            SipResponse r = SipResponses.create(invite(), e.status(), e.reasonPhrase(), dialog.localTag, ctx.config);
            initialInvite.respond(e.retryAfterSeconds() >= 0 ? UasResponses.retryAfter(r, e.retryAfterSeconds()) : r);
            endAndForget(HangupCause.CALL_REJECTED);
            return;
        } catch (RuntimeException e) {
            LOG.error(sessionUuid(), "invite_handler", "failed", e, "call_id", dialog.callId);
            initialInvite.respond(UasResponses.withWarning(ctx, invite(), 500, dialog.localTag, 399, "media setup failed"));
            endAndForget(HangupCause.MEDIA_ERROR);
            return;
        }
        if (state() == SipCallState.ENDED) {
            return;  // the handler hung up from inside onInvite
        }
        // DEBUG: the session layer logs the new call at NOTICE (LIFECYCLE session_init)
        LOG.debug(sessionUuid(), "call", "offered", "call_id", dialog.callId, "remote", remoteSignalingAddress(),
                "codec", media() == null ? "late-offer" : media().encodingName());
        if (ctx.config.sendRinging()) {
            initialInvite.respond(UasResponses.of(ctx, invite(), 180, dialog.localTag));
        }
        long delay = ctx.config.answerDelay().toMillis();
        if (delay > 0) {
            answerTimer = ctx.schedule(this::answer, delay);
        } else {
            answer();
        }
    }

    private void answer() {
        if (state() != SipCallState.INCOMING) {
            return;
        }
        SessionDescription sdp = initialOffer == null
                ? SdpWriter.offer(local, origin, MediaDirection.SENDRECV)
                : SdpWriter.answer(initialOffer, local, origin);
        origin.stamp(sdp, () -> sdp);
        ourOfferPending = initialOffer == null;
        SipResponse ok = okWithSdp(invite(), sdp);
        ok.headers().copyFrom(invite().headers(), SipHeaderNames.RECORD_ROUTE);  // RFC 3261 §12.1.1
        sessionTimer.apply(invite(), ok);
        state(SipCallState.ANSWERED);
        awaitingAck = initialInvite;
        initialInvite.respond(ok);
    }

    SipResponse okWithSdp(SipRequest request, SessionDescription sdp) {
        SipResponse ok = UasResponses.capabilities(UasResponses.of(ctx, request, 200, dialog.localTag));
        UasResponses.contact(ok, ctx, dialog.transport);
        return UasResponses.sdp(ok, sdp);
    }

    /** ACK for one of our 2xx (matched by dialog). */
    void onAck(SipRequest ack) {
        if (awaitingAck == null || ack.cseq().number() != awaitingAck.request.cseq().number()) {
            return;  // a retransmitted or stray ACK
        }
        awaitingAck.onAckFor2xx();
        awaitingAck = null;
        if (ourOfferPending) {
            ourOfferPending = false;
            SdpOutcome answer = ack.body().length == 0
                    ? new SdpOutcome.Rejected(400, 399, "ACK carries no SDP answer to our offer")
                    : SdpOfferAnswer.processAnswer(ack.body());
            if (answer instanceof SdpOutcome.Rejected r) {
                LOG.warn(sessionUuid(), "sdp_answer", "rejected", "call_id", dialog.callId, "reason", r.text());
                if (state() != SipCallState.ENDED) {
                    terminate(HangupCause.INCOMPATIBLE_MEDIA, r.text());
                }
                return;
            }
            mediaChanged(((SdpOutcome.Accepted) answer).media());
        }
        if (byeOnAck != null) {
            sendBye(byeOnAck, byeOnAckText);
            byeOnAck = null;
        } else if (state() == SipCallState.ANSWERED) {
            state(SipCallState.CONFIRMED);
            LOG.notice(sessionUuid(), "call", "answered", "call_id", dialog.callId);
            notifyHandler(() -> ctx.handler.onAnswered(this));
        }
    }

    void mediaChanged(NegotiatedMedia changed) {
        if (changed.equals(media())) {
            return;
        }
        media(changed);
        if (state() != SipCallState.ENDED) {
            notifyHandler(() -> ctx.handler.onMediaChanged(this, changed));
        }
    }

    @Override
    public void onNoAck(InviteServerTransaction ist) {
        if (ist != awaitingAck) {
            return;
        }
        awaitingAck = null;
        ourOfferPending = false;
        if (state() != SipCallState.ENDED) {
            terminate(HangupCause.ACK_TIMEOUT, "no ACK for 200 OK");
        } else if (byeOnAck != null) {
            sendBye(byeOnAck, byeOnAckText);
            byeOnAck = null;
        }
    }

    /** CANCEL matched our INVITE (RFC 3261 §9.2): 487 if we have not answered yet. */
    @Override
    public void onCancel() {
        if (!initialInvite.finalSent()) {
            initialInvite.respond(UasResponses.of(ctx, invite(), 487, dialog.localTag));
            endAndForget(HangupCause.ORIGINATOR_CANCEL);
        }
    }

    /** BYE from the peer. */
    void onBye(ServerTransaction st) {
        st.respond(UasResponses.of(ctx, st.request, 200, dialog.localTag));
        if (!initialInvite.finalSent()) {
            initialInvite.respond(UasResponses.of(ctx, invite(), 487, dialog.localTag));  // RFC 3261 §15.1.2
        }
        if (awaitingAck != null) {
            awaitingAck.onAckFor2xx();
            awaitingAck = null;
        }
        byeOnAck = null;
        endAndForget(HangupCause.NORMAL_CLEARING);
    }

    @Override
    public void transfer(String referTo, TransferListener listener) {
        if (ctx.loop.inEventLoop()) {
            transfers.start(referTo, listener);
        } else {
            ctx.loop.execute(() -> transfers.start(referTo, listener));
        }
    }

    @Override
    public void hangup(String reasonText) {
        hangup(HangupCause.NORMAL_CLEARING, reasonText);
    }

    @Override
    public void hangup(HangupCause cause, String reasonText) {
        if (ctx.loop.inEventLoop()) {
            onHangup(cause, reasonText);
        } else {
            ctx.loop.execute(() -> onHangup(cause, reasonText));
        }
    }

    private void onHangup(HangupCause cause, String text) {
        switch (state()) {
            case INCOMING -> {
                SipResponse r = UasResponses.of(ctx, invite(), cause == HangupCause.SYSTEM_SHUTDOWN ? 503 : 480, dialog.localTag);
                UasResponses.reason(r, cause, text);
                initialInvite.respond(r);
                endAndForget(cause);
            }
            case ANSWERED -> {  // RFC 3261 §15: no BYE before the ACK (or its timeout)
                byeOnAck = cause;
                byeOnAckText = text;
                end(cause);
            }
            case CONFIRMED -> terminate(cause, text);
            case ENDED -> { }
        }
    }

    /** Ends the call from our side with a BYE. */
    void terminate(HangupCause cause, String text) {
        sendBye(cause, text);
        end(cause);
    }

    private void sendBye(HangupCause cause, String text) {
        SipRequest bye = dialog.newRequest("BYE", ctx.config, ctx.contact(dialog.transport));
        UasResponses.reason(bye, cause, text);
        sendInDialog(bye, new NonInviteClientTransaction.Listener() {
            @Override
            public void onFinalResponse(SipResponse response) {
                ctx.calls.remove(UasCall.this);
            }

            @Override
            public void onFailure(String reason) {
                LOG.warn(sessionUuid(), "bye", "failed", "call_id", dialog.callId, "reason", reason);
                ctx.calls.remove(UasCall.this);
            }
        });
    }

    /** Sends a request of this dialog through a new client transaction. */
    void sendInDialog(SipRequest request, NonInviteClientTransaction.Listener listener) {
        ctx.resolver.resolve(dialog, sessionUuid(), dest -> {
            request.headers().addFirst(SipHeaderNames.VIA, ctx.via(dest.transport()));
            new NonInviteClientTransaction(ctx, request, dest, listener).start();
        });
    }

    private void endAndForget(HangupCause cause) {
        end(cause);
        ctx.calls.remove(this);
    }

    /** Marks the call ended and tells the handler, once. */
    void end(HangupCause cause) {
        if (state() == SipCallState.ENDED) {
            return;
        }
        state(SipCallState.ENDED);
        ServerTransaction.cancel(answerTimer);
        sessionTimer.stop();
        ctx.calls.ended(this);
        // DEBUG: the session layer logs the end at NOTICE (LIFECYCLE session_cleanup)
        LOG.debug(sessionUuid(), "call", "ended", "call_id", dialog.callId, "cause", cause);
        notifyHandler(() -> ctx.handler.onEnded(this, cause));
    }

    private void notifyHandler(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.error(sessionUuid(), "call_handler", "failed", e, "call_id", dialog.callId);
        }
    }
}
