package org.audiostream.call.sip;

import io.netty.util.concurrent.ScheduledFuture;

/**
 * Non-INVITE client transaction (RFC 3261 §17.1.2) for what we send in a dialog (BYE, NOTIFY,
 * UPDATE): on UDP Timer E retransmits at T1 doubling to T2 (T2 once a provisional arrived); Timer
 * F (64·T1) times out; after the final response Timer K (T4 on UDP) absorbs copies. Matched by
 * branch and CSeq method (§17.1.3).
 * Threads: confined to the SIP event loop.
 */
final class NonInviteClientTransaction {

    /** Outcome of the transaction; exactly one of the two methods is called, once. */
    interface Listener {
        void onFinalResponse(SipResponse response);

        void onFailure(String reason);
    }

    private enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

    private final UasContext ctx;
    private final SipRequest request;
    private final SipDestination destination;
    private final Listener listener;
    private final String key;
    private State state = State.TRYING;
    private long interval;
    private ScheduledFuture<?> timerE;
    private ScheduledFuture<?> timerF;
    private ScheduledFuture<?> timerK;

    NonInviteClientTransaction(UasContext ctx, SipRequest request, SipDestination destination, Listener listener) {
        this.ctx = ctx;
        this.request = request;
        this.destination = destination;
        this.listener = listener;
        this.key = key(request.topVia().branch(), request.method());
    }

    static String key(String branch, String method) {
        return branch + '|' + method;
    }

    String key() {
        return key;
    }

    void start() {
        ctx.transactions.addClient(this);
        ctx.sender.send(request, destination, this::onTransportError);
        if (!destination.transport().reliable()) {
            interval = ctx.timers().t1Millis();
            timerE = ctx.schedule(this::retransmit, interval);
        }
        timerF = ctx.schedule(this::onTimerF, ctx.timers().transactionTimeoutMillis());
    }

    private void retransmit() {
        if (state != State.TRYING && state != State.PROCEEDING) {
            return;
        }
        ctx.sender.send(request, destination, null);
        ctx.counters.retransmissionSent();
        interval = state == State.PROCEEDING ? ctx.timers().t2Millis() : ctx.timers().backoff(interval);
        timerE = ctx.schedule(this::retransmit, interval);
    }

    void onResponse(SipResponse response) {
        ctx.counters.responseReceived(response.status());
        if (state == State.COMPLETED || state == State.TERMINATED) {
            return;
        }
        if (response.isProvisional()) {
            state = State.PROCEEDING;
            return;
        }
        state = State.COMPLETED;
        ServerTransaction.cancel(timerE);
        ServerTransaction.cancel(timerF);
        timerK = ctx.schedule(this::terminate, destination.transport().reliable() ? 0 : ctx.timers().t4Millis());
        listener.onFinalResponse(response);
    }

    private void onTimerF() {
        if (state == State.TRYING || state == State.PROCEEDING) {
            ctx.counters.clientTimeout();
            terminate();
            listener.onFailure("no final response to " + request.method() + " within "
                    + ctx.timers().transactionTimeoutMillis() + " ms (Timer F)");
        }
    }

    private void onTransportError(Throwable cause) {
        if (state == State.TRYING || state == State.PROCEEDING) {
            terminate();
            listener.onFailure("transport error sending " + request.method() + " to " + destination.address() + ": " + cause);
        }
    }

    void terminate() {
        state = State.TERMINATED;
        ServerTransaction.cancel(timerE);
        ServerTransaction.cancel(timerF);
        ServerTransaction.cancel(timerK);
        ctx.transactions.removeClient(this);
    }
}
