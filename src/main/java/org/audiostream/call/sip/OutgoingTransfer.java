package org.audiostream.call.sip;

import static org.audiostream.call.sip.SipHeaderNames.EVENT;
import static org.audiostream.call.sip.SipHeaderNames.REFER_TO;
import static org.audiostream.call.sip.SipHeaderNames.SUBSCRIPTION_STATE;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;

/**
 * A blind transfer we ask of the caller (RFC 3515): REFER in the dialog, then the implicit subscription's
 * NOTIFYs (each answered 200), whose {@code message/sipfrag} status lines report the new call. A NOTIFY
 * that belongs to no transfer of ours gets 481 (RFC 6665 §4.1.3).
 *
 * <p>Threads: confined to the SIP event loop.
 */
final class OutgoingTransfer {

    private static final Log LOG = Log.of(Component.SIP);

    private final UasCall call;
    private TransferListener listener;
    private long referCseq;

    OutgoingTransfer(UasCall call) {
        this.call = call;
    }

    void start(String referTo, TransferListener newListener) {
        if (call.state() != SipCallState.CONFIRMED) {
            newListener.onReferAnswered(0, "call is " + call.state().name().toLowerCase(Locale.ROOT));
            return;
        }
        if (listener != null) {
            newListener.onReferAnswered(0, "a transfer is already under way");
            return;
        }
        listener = newListener;
        SipRequest refer = call.dialog.newRequest("REFER", call.ctx.config, call.ctx.contact(call.dialog.transport));
        refer.headers().add(REFER_TO, "<" + referTo + ">");
        referCseq = refer.cseq().number();
        LOG.notice(call.sessionUuid(), "refer", "sent", "call_id", call.callId(), "refer_to", referTo);
        call.sendInDialog(refer, new NonInviteClientTransaction.Listener() {
            @Override
            public void onFinalResponse(SipResponse response) {
                TransferListener l = listener;
                if (response.status() >= 300) {
                    listener = null;
                }
                if (l != null) {
                    l.onReferAnswered(response.status(), response.reasonPhrase());
                }
            }

            @Override
            public void onFailure(String reason) {
                TransferListener l = listener;
                listener = null;
                if (l != null) {
                    l.onReferAnswered(408, reason);
                }
            }
        });
    }

    void onNotify(SipRequest notify, ServerTransaction st) {
        String event = notify.headers().first(EVENT);
        String tag = call.dialog.localTag;
        if (listener == null || event == null || !event.trim().toLowerCase(Locale.ROOT).startsWith("refer")) {
            st.respond(UasResponses.withWarning(call.ctx, notify, 481, tag, 399, "no such subscription"));
            return;
        }
        st.respond(UasResponses.of(call.ctx, notify, 200, tag));
        String state = notify.headers().first(SUBSCRIPTION_STATE);
        boolean last = state != null && state.trim().toLowerCase(Locale.ROOT).startsWith("terminated");
        String frag = new String(notify.body(), StandardCharsets.UTF_8).lines().findFirst().orElse("").trim();
        int status = statusOf(frag);
        String reason = status < 0 ? frag : frag.substring(Math.min(frag.length(), 12)).trim();
        TransferListener l = listener;
        if (last) {
            listener = null;
        }
        LOG.info(call.sessionUuid(), "refer", "progress", "call_id", call.callId(), "sipfrag", frag, "last", last,
                "refer_cseq", referCseq);
        l.onProgress(status, reason, last);
    }

    /** The status code of a sipfrag status line ({@code SIP/2.0 200 OK}), or -1. */
    static int statusOf(String statusLine) {
        if (statusLine.length() < 11 || !statusLine.regionMatches(true, 0, "SIP/2.0 ", 0, 8)) {
            return -1;
        }
        String code = statusLine.substring(8, 11);
        return code.chars().allMatch(Character::isDigit) ? Integer.parseInt(code) : -1;
    }
}
