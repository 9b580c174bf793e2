package org.audiostream.call.sip;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import org.audiostream.observe.RateLimitedLog;
import org.audiostream.observe.SecurityEvent;

/**
 * A new INVITE (no To tag): the untrusted source's rate ({@code inviteRate}, 503 + Retry-After
 * beyond it), admission (503 + Retry-After while draining, at {@code maxSessions} or without
 * media resources), content checks (415/406), Session-Expires floor (422), 100 Trying, SDP offer
 * (488 with Warning 305 when no codec fits, RFC 3261 §13.3.1.3), then a {@link UasCall} that asks
 * the session layer for media and answers.
 * Threads: SIP event loop.
 */
final class InviteHandler {

    private static final Log LOG = Log.of(Component.SIP);
    static final int LOG_INTERVAL_SECONDS = 5;

    private final UasContext ctx;
    private final RateLimitedLog rateLimitedLog = new RateLimitedLog(LOG_INTERVAL_SECONDS, TimeUnit.SECONDS);

    InviteHandler(UasContext ctx) {
        this.ctx = ctx;
    }

    void handle(InboundSip in, SipRequest invite, InviteServerTransaction ist) {
        String tag = SipIds.tag();
        if (overRate(in)) {
            ist.respond(UasResponses.retryAfter(UasResponses.withWarning(ctx, invite, 503, tag, 399,
                    "INVITE rate from your address over " + ctx.config.inviteRate() + "/s"), ctx.config.retryAfterSeconds()));
            return;
        }
        CallRefusal refusal = ctx.admissionRefusal();
        if (refusal != null) {
            ctx.counters.admissionRejected(refusal.reason());
            ist.respond(UasResponses.retryAfter(UasResponses.withWarning(ctx, invite, 503, tag, 399,
                    "not accepting calls: " + refusal.detail()), ctx.config.retryAfterSeconds()));
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

    /** Whether an untrusted source exceeded its INVITE rate (counted and logged at a bounded rate). */
    private boolean overRate(InboundSip in) {
        InetSocketAddress remote = in.remote();
        if (remote == null || ctx.config.trustedSource().test(remote.getAddress())
                || ctx.inviteRate.tryAcquire(remote.getAddress(), System.nanoTime())) {
            return false;
        }
        SecurityEvent.SIP_INVITE_RATE_LIMITED.count();
        long suppressed = rateLimitedLog.tryAcquire(System.nanoTime());
        if (suppressed >= 0) {
            LOG.warn(null, "invite", "rate_limited", "remote", remote, "rate_per_s", ctx.config.inviteRate(),
                    "suppressed", suppressed);
        }
        return true;
    }
}
