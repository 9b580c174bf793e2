package org.audiostream.call.sip;

import io.netty.util.concurrent.ScheduledFuture;

/**
 * Common part of the server transactions (RFC 3261 §17.2): the request, where responses go, the
 * last response (resent when the request is retransmitted), and removal from the table.
 * Threads: confined to the SIP event loop.
 */
abstract sealed class ServerTransaction permits InviteServerTransaction, NonInviteServerTransaction {

    final UasContext ctx;
    final TransactionKey key;
    final SipRequest request;
    final SipDestination destination;
    SipResponse lastResponse;
    private boolean terminated;

    ServerTransaction(UasContext ctx, SipRequest request, SipDestination destination) {
        this.ctx = ctx;
        this.key = TransactionKey.of(request);
        this.request = request;
        this.destination = destination;
    }

    /** Sends a response built by the UAS core for this transaction's request. */
    abstract void respond(SipResponse response);

    /** The same request arrived again. */
    abstract void onRetransmission();

    boolean finalSent() {
        return lastResponse != null && lastResponse.status() >= 200;
    }

    boolean terminated() {
        return terminated;
    }

    void transmit(SipResponse response, boolean retransmission) {
        ctx.sender.send(response, destination, null);
        ctx.counters.responseSent(response.status());
        if (retransmission) {
            ctx.counters.retransmissionSent();
        }
    }

    void terminate() {
        if (!terminated) {
            terminated = true;
            cancelTimers();
            ctx.transactions.remove(this);
        }
    }

    abstract void cancelTimers();

    static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
