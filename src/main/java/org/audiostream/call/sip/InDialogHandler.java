package org.audiostream.call.sip;

import org.audiostream.observe.Component;
import org.audiostream.observe.Log;

/**
 * Requests inside an existing dialog (RFC 3261 §12.2.2): CSeq order check (500 when lower than
 * the last), then BYE, re-INVITE, UPDATE, REFER (202 + NOTIFY, RFC 3515), NOTIFY (the progress of
 * a transfer we asked for) and OPTIONS. Once the
 * call has ended only BYE and OPTIONS are still answered; others get 481.
 * Threads: SIP event loop.
 */
final class InDialogHandler {

    private static final Log LOG = Log.of(Component.SIP);

    private final UasContext ctx;

    InDialogHandler(UasContext ctx) {
        this.ctx = ctx;
    }

    void handle(SipRequest request, ServerTransaction st, UasCall call) {
        String tag = call.dialog.localTag;
        long cseq = request.cseq().number();
        long last = call.dialog.remoteSeq();
        if (!call.dialog.acceptRemoteCseq(cseq)) {
            st.respond(UasResponses.withWarning(ctx, request, 500, tag, 399, "CSeq=" + cseq + " < last remote CSeq=" + last));
            return;
        }
        boolean ended = call.state() == SipCallState.ENDED;
        switch (request.method()) {
            case "BYE" -> call.onBye(st);
            case "OPTIONS" -> st.respond(UasResponses.capabilities(UasResponses.of(ctx, request, 200, tag)));
            case "INVITE" -> {
                if (ended) {
                    st.respond(UasResponses.of(ctx, request, 481, tag));
                } else {
                    DialogOfferAnswer.onReInvite(call, (InviteServerTransaction) st, request);
                }
            }
            case "UPDATE" -> {
                if (ended) {
                    st.respond(UasResponses.of(ctx, request, 481, tag));
                } else {
                    DialogOfferAnswer.onUpdate(call, st, request);
                }
            }
            case "REFER" -> refer(request, st, call, ended);
            case "NOTIFY" -> call.transfers.onNotify(request, st);
            default -> st.respond(UasResponses.capabilities(UasResponses.of(ctx, request, 405, tag)));
        }
    }

    private void refer(SipRequest request, ServerTransaction st, UasCall call, boolean ended) {
        String tag = call.dialog.localTag;
        if (ended) {
            st.respond(UasResponses.of(ctx, request, 481, tag));
            return;
        }
        String referTo = request.headers().first(SipHeaderNames.REFER_TO);
        if (referTo == null) {
            st.respond(UasResponses.withWarning(ctx, request, 400, tag, 399, "REFER without Refer-To (RFC 3515 §2.4.1)"));
            return;
        }
        st.respond(UasResponses.of(ctx, request, 202, tag));
        ReferSubscription subscription = new ReferSubscription(call, request.cseq().number());
        subscription.start();
        try {
            ctx.handler.onRefer(call, referTo, subscription);
        } catch (RuntimeException e) {
            LOG.error(call.sessionUuid(), "refer_handler", "failed", e, "call_id", call.callId());
            subscription.finish(500, "Server Internal Error");
        }
    }
}
