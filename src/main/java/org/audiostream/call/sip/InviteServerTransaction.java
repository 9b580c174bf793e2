package org.audiostream.call.sip;

import io.netty.util.concurrent.ScheduledFuture;

/**
 * INVITE server transaction (RFC 3261 §17.2.1 with the Accepted state of RFC 6026). Proceeding:
 * provisional responses, a retransmitted INVITE gets the last one again. A 2xx moves to
 * Accepted: the 2xx is retransmitted at T1 doubling to T2 until the ACK (RFC 3261 §13.3.1.4,
 * every transport since the ACK is end-to-end); Timer L (64·T1) without ACK reports "no ACK" to
 * the listener. A 3xx–6xx moves to Completed: Timer G retransmits on UDP until the ACK, Timer H
 * (64·T1) gives up; after the ACK, Timer I (T4 on UDP) absorbs stray ACKs.
 * Threads: confined to the SIP event loop.
 */
final class InviteServerTransaction extends ServerTransaction {

    /** The call behind the INVITE. */
    interface Listener {
        /** Our 2xx was never acknowledged (Timer L). */
        void onNoAck(InviteServerTransaction transaction);

        /** A CANCEL matched this INVITE (RFC 3261 §9.2). */
        void onCancel();
    }

    private enum State { PROCEEDING, ACCEPTED, COMPLETED, CONFIRMED }

    private State state = State.PROCEEDING;
    private Listener listener;
    private boolean acked;
    private long interval;
    private ScheduledFuture<?> retransmitTimer;
    private ScheduledFuture<?> timeoutTimer;
    private ScheduledFuture<?> timerI;

    InviteServerTransaction(UasContext ctx, SipRequest request, SipDestination destination) {
        super(ctx, request, destination);
    }

    void listener(Listener listener) {
        this.listener = listener;
    }

    @Override
    void respond(SipResponse response) {
        if (state != State.PROCEEDING || terminated()) {
            return;
        }
        lastResponse = response;
        transmit(response, false);
        if (response.isProvisional()) {
            return;
        }
        interval = ctx.timers().t1Millis();
        if (response.isSuccess()) {
            state = State.ACCEPTED;
            retransmitTimer = ctx.schedule(this::retransmit, interval);
            timeoutTimer = ctx.schedule(this::onTimerL, ctx.timers().transactionTimeoutMillis());
        } else {
            state = State.COMPLETED;
            if (!destination.transport().reliable()) {
                retransmitTimer = ctx.schedule(this::retransmit, interval);
            }
            timeoutTimer = ctx.schedule(this::onTimerH, ctx.timers().transactionTimeoutMillis());
        }
    }

    private void retransmit() {
        boolean waiting = (state == State.ACCEPTED && !acked) || state == State.COMPLETED;
        if (!waiting || terminated()) {
            return;
        }
        transmit(lastResponse, true);
        interval = ctx.timers().backoff(interval);
        retransmitTimer = ctx.schedule(this::retransmit, interval);
    }

    private void onTimerL() {
        if (!acked) {
            ctx.counters.ackTimeout();
            if (listener != null) {
                listener.onNoAck(this);
            }
        }
        terminate();
    }

    private void onTimerH() {
        ctx.counters.ackTimeout();
        terminate();
    }

    /** A CANCEL matched: the call decides; without a call, 487 if no final response went out yet. */
    void cancelled() {
        if (listener != null) {
            listener.onCancel();
        } else if (!finalSent()) {
            respond(UasResponses.of(ctx, request, 487, SipIds.tag()));
        }
    }

    /** ACK for our 3xx–6xx (same transaction). */
    void onAck() {
        if (state != State.COMPLETED) {
            return;
        }
        state = State.CONFIRMED;
        cancel(retransmitTimer);
        cancel(timeoutTimer);
        timerI = ctx.schedule(this::terminate, destination.transport().reliable() ? 0 : ctx.timers().t4Millis());
    }

    /** ACK for our 2xx, matched by the dialog: stop retransmitting; stay until Timer L to absorb INVITE copies. */
    void onAckFor2xx() {
        acked = true;
        cancel(retransmitTimer);
    }

    /** Whether our 2xx is still waiting for its ACK. */
    boolean awaitingAck() {
        return state == State.ACCEPTED && !acked && !terminated();
    }

    @Override
    void onRetransmission() {
        ctx.counters.retransmissionReceived();
        if ((state == State.PROCEEDING && lastResponse != null) || state == State.COMPLETED) {
            transmit(lastResponse, true);
        }
        // Accepted/Confirmed: absorbed (RFC 6026 §7.1); the 2xx is retransmitted by its own timer.
    }

    @Override
    void cancelTimers() {
        cancel(retransmitTimer);
        cancel(timeoutTimer);
        cancel(timerI);
    }
}
