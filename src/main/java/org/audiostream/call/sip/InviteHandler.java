package org.audiostream.call.sip;

/**
 * A new INVITE (no To tag): admission (503 + Retry-After while draining or at
 * {@code maxSessions}), content checks (415/406), Session-Expires floor (422), 100 Trying, SDP
 * offer (488 with Warning 305 when no codec fits, RFC 3261 §13.3.1.3), then a {@link UasCall}
 * that asks the session layer for media and answers.
 * Threads: SIP event loop.
 */
final class InviteHandler {

    private final UasContext ctx;

    InviteHandler(UasContext ctx) {
        this.ctx = ctx;
    }

    void handle(InboundSip in, SipRequest invite, InviteServerTransaction ist) {
        String tag = SipIds.tag();
        if (ctx.admissionClosed()) {
            String why = ctx.draining ? "draining" : "calls=" + ctx.calls.live() + " >= maxSessions=" + ctx.config.maxSessions();
            ctx.counters.admissionRejected(ctx.draining);
            ist.respond(UasResponses.retryAfter(UasResponses.withWarning(ctx, invite, 503, tag, 399, "not accepting calls: " + why),
                    ctx.config.retryAfterSeconds()));
            return;
        }
        SipResponse bad = BodyCheck.check(ctx, invite, tag);
        if (bad != null) {
            ist.respond(bad);
            return;
        }
        if (SessionTimer.tooSmall(invite, ctx.config.minSessionExpiresSeconds())) {
            SipResponse r = UasResponses.of(ctx, invite, 422, tag);
            r.headers().add(SipHeaderNames.MIN_SE, String.valueOf(ctx.config.minSessionExpiresSeconds()));
            ist.respond(r);
            return;
        }
        ist.respond(UasResponses.of(ctx, invite, 100, null));
        SdpOutcome.Accepted offer = null;
        if (invite.body().length > 0) {
            SdpOutcome outcome = SdpOfferAnswer.processOffer(invite.body());
            if (outcome instanceof SdpOutcome.Rejected r) {
                ist.respond(UasResponses.withWarning(ctx, invite, r.status(), tag, r.warningCode(), r.text()));
                return;
            }
            offer = (SdpOutcome.Accepted) outcome;
        }
        UasCall call = new UasCall(ctx, invite, in, ist);
        ist.listener(call);
        ctx.calls.add(call);
        call.start(offer);
    }
}
