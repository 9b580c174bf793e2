package org.audiostream.call.sip;

import org.audiostream.call.MediaDirection;
/**
 * Offer/answer inside a dialog: re-INVITE (RFC 3261 §14.2) and UPDATE (RFC 3311) for hold/unhold,
 * a new remote address or codec, and session refresh. An offer is answered in the 2xx; a
 * re-INVITE without SDP gets our offer and the answer comes in the ACK. Glare: an offer while ours
 * is outstanding gets 491; an offer while the peer's previous one is unanswered gets 500 with
 * Retry-After (RFC 3311 §5.2). A rejected offer (488) leaves the session as it was.
 * Threads: SIP event loop.
 */
final class DialogOfferAnswer {

    private DialogOfferAnswer() {
    }

    static void onReInvite(UasCall call, InviteServerTransaction ist, SipRequest request) {
        if (!checkNoConflict(call, ist, request)) {
            return;
        }
        if (call.awaitingAck != null) {
            // A new INVITE implies the peer got our previous 2xx; stop retransmitting it.
            call.awaitingAck.onAckFor2xx();
            call.awaitingAck = null;
        }
        call.dialog.refreshTarget(request);
        SessionDescription sdp;
        if (request.body().length == 0) {
            sdp = stamp(call, () -> SdpWriter.offer(call.local, call.origin, MediaDirection.SENDRECV));
            call.ourOfferPending = true;
        } else {
            sdp = answer(call, ist, request);
            if (sdp == null) {
                return;
            }
        }
        SipResponse ok = call.okWithSdp(request, sdp);
        call.sessionTimer.apply(request, ok);
        call.awaitingAck = ist;
        ist.listener(call);
        ist.respond(ok);
    }

    static void onUpdate(UasCall call, ServerTransaction st, SipRequest request) {
        if (request.body().length > 0 && !checkNoConflict(call, st, request)) {
            return;
        }
        call.dialog.refreshTarget(request);
        SipResponse ok;
        if (request.body().length == 0) {
            ok = UasResponses.contact(UasResponses.of(call.ctx, request, 200, call.dialog.localTag), call.ctx, call.dialog.transport);
        } else {
            SessionDescription sdp = answer(call, st, request);
            if (sdp == null) {
                return;
            }
            ok = call.okWithSdp(request, sdp);
        }
        call.sessionTimer.apply(request, ok);
        st.respond(ok);
    }

    private static boolean checkNoConflict(UasCall call, ServerTransaction st, SipRequest request) {
        String tag = call.dialog.localTag;
        if (call.ourOfferPending) {
            st.respond(UasResponses.withWarning(call.ctx, request, 491, tag, 399, "our offer is awaiting its answer"));
            return false;
        }
        if (call.state() == SipCallState.INCOMING) {
            st.respond(UasResponses.pendingOfferConflict(call.ctx, request, tag));
            return false;
        }
        if (SessionTimer.tooSmall(request, call.ctx.config.minSessionExpiresSeconds())) {
            SipResponse r = UasResponses.of(call.ctx, request, 422, tag);
            r.headers().add(SipHeaderNames.MIN_SE, String.valueOf(call.ctx.config.minSessionExpiresSeconds()));
            st.respond(r);
            return false;
        }
        return true;
    }

    /** Processes the offer in {@code request}; responds 488/400 and returns null when rejected. */
    private static SessionDescription answer(UasCall call, ServerTransaction st, SipRequest request) {
        SipResponse unsupported = BodyCheck.check(call.ctx, request, call.dialog.localTag);
        if (unsupported != null) {
            st.respond(unsupported);
            return null;
        }
        SdpOutcome outcome = SdpOfferAnswer.processOffer(request.body());
        if (outcome instanceof SdpOutcome.Rejected r) {
            st.respond(UasResponses.withWarning(call.ctx, request, r.status(), call.dialog.localTag, r.warningCode(), r.text()));
            return null;
        }
        SdpOutcome.Accepted accepted = (SdpOutcome.Accepted) outcome;
        SessionDescription sdp = stamp(call, () -> SdpWriter.answer(accepted, call.local, call.origin));
        call.mediaChanged(accepted.media());
        return sdp;
    }

    private static SessionDescription stamp(UasCall call, java.util.function.Supplier<SessionDescription> build) {
        return call.origin.stamp(build.get(), build);
    }
}
