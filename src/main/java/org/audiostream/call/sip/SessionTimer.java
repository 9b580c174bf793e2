package org.audiostream.call.sip;

import static org.audiostream.call.sip.SipHeaderNames.*;

import io.netty.util.concurrent.ScheduledFuture;
import org.audiostream.call.sip.SipHeaderValues.SessionExpires;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;

/**
 * Session timers (RFC 4028) for one call, as a UAS. When a 2xx answers an INVITE, re-INVITE or
 * UPDATE that carries Session-Expires from a peer that supports {@code timer}, the interval is
 * echoed with the refresher ({@code uac} unless the request chose {@code uas}). If the peer
 * refreshes and stops doing so, we send BYE at expiry minus min(32 s, interval/3) (§10); if we
 * refresh, we send an UPDATE without SDP at half the interval (§7.4) and end the call when it
 * fails with 408/481 or times out. A refresh without Session-Expires turns the timer off.
 * Threads: confined to the SIP event loop.
 */
final class SessionTimer {

    private static final Log LOG = Log.of(Component.SIP);

    private final UasCall call;
    private ScheduledFuture<?> timer;
    private long interval;

    SessionTimer(UasCall call) {
        this.call = call;
    }

    /** Whether the request asks for an interval below our Min-SE (answer 422 with Min-SE, §8). */
    static boolean tooSmall(SipRequest request, int minSe) {
        SessionExpires se = request.sessionExpires();
        return se != null && se.seconds() < minSe;
    }

    /** Negotiates on a 2xx we are about to send for {@code request}, restarting the timer. */
    void apply(SipRequest request, SipResponse ok) {
        stop();
        SessionExpires se = request.sessionExpires();
        boolean supported = request.tokens(SUPPORTED).contains("timer") || request.tokens(REQUIRE).contains("timer");
        if (se == null || !supported) {
            return;
        }
        interval = se.seconds();
        boolean weRefresh = "uas".equals(se.refresher());
        ok.headers().add(SESSION_EXPIRES, interval + ";refresher=" + (weRefresh ? "uas" : "uac"));
        if (!weRefresh) {
            ok.headers().add(REQUIRE, "timer");  // RFC 4028 §9
        }
        schedule(weRefresh);
    }

    /** Delay before our BYE when the peer refreshes: expiry minus min(32 s, interval/3) (§10). */
    static long byeDelayMillis(long intervalSeconds) {
        return (intervalSeconds - Math.min(32, intervalSeconds / 3)) * 1000;
    }

    private void schedule(boolean weRefresh) {
        timer = weRefresh
                ? call.ctx.schedule(this::refresh, interval * 500)
                : call.ctx.schedule(this::expired, byeDelayMillis(interval));
    }

    private void expired() {
        LOG.warn(call.sessionUuid(), "session_timer", "expired", "call_id", call.callId(), "interval_s", interval);
        call.terminate(HangupCause.SESSION_TIMEOUT, "session expired without refresh");
    }

    private void refresh() {
        if (call.state() == SipCallState.ENDED) {
            return;
        }
        SipRequest update = call.dialog.newRequest("UPDATE", call.ctx.config, call.ctx.contact(call.dialog.transport));
        update.headers().add(SESSION_EXPIRES, interval + ";refresher=uas");
        update.headers().add(SUPPORTED, "timer");
        call.sendInDialog(update, new NonInviteClientTransaction.Listener() {
            @Override
            public void onFinalResponse(SipResponse response) {
                if (response.isSuccess()) {
                    schedule(true);
                } else if (response.status() == 408 || response.status() == 481) {
                    failed("refresh UPDATE answered " + response.status());
                } else {
                    timer = call.ctx.schedule(SessionTimer.this::expired, byeDelayMillis(interval) - interval * 500);
                }
            }

            @Override
            public void onFailure(String reason) {
                failed(reason);
            }
        });
    }

    private void failed(String reason) {
        if (call.state() != SipCallState.ENDED) {
            LOG.warn(call.sessionUuid(), "session_refresh", "failed", "call_id", call.callId(), "reason", reason);
            call.terminate(HangupCause.NETWORK_FAILURE, "session refresh failed");
        }
    }

    void stop() {
        ServerTransaction.cancel(timer);
        timer = null;
    }
}
