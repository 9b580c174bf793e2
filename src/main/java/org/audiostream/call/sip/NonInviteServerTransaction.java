package org.audiostream.call.sip;

import io.netty.util.concurrent.ScheduledFuture;

/**
 * Non-INVITE server transaction (RFC 3261 §17.2.2): Trying → Proceeding → Completed; a
 * retransmitted request is answered with the last response; Timer J (64·T1 on UDP, 0 on TCP)
 * ends the Completed state.
 * Threads: confined to the SIP event loop.
 */
final class NonInviteServerTransaction extends ServerTransaction {

    private ScheduledFuture<?> timerJ;

    NonInviteServerTransaction(UasContext ctx, SipRequest request, SipDestination destination) {
        super(ctx, request, destination);
    }

    @Override
    void respond(SipResponse response) {
        if (finalSent() || terminated()) {
            return;
        }
        lastResponse = response;
        transmit(response, false);
        if (response.status() >= 200) {
            long j = destination.transport().reliable() ? 0 : ctx.timers().transactionTimeoutMillis();
            timerJ = ctx.schedule(this::terminate, j);
        }
    }

    @Override
    void onRetransmission() {
        ctx.counters.retransmissionReceived();
        if (lastResponse != null) {
            transmit(lastResponse, true);
        }
    }

    @Override
    void cancelTimers() {
        cancel(timerJ);
    }
}
