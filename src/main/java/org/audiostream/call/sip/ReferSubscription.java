package org.audiostream.call.sip;

import static org.audiostream.call.sip.SipHeaderNames.*;

import java.nio.charset.StandardCharsets;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;

/**
 * The implicit subscription a REFER creates (RFC 3515 §2.4.4): NOTIFYs in the dialog with
 * {@code Event: refer;id=<REFER CSeq>} and a {@code message/sipfrag} body holding the transfer's
 * status line, {@code SIP/2.0 100 Trying} first, the final one terminating the subscription.
 * Threads: {@link ReferProgress} methods may be called from any thread and hop to the SIP
 * event loop; all state is confined to it.
 */
final class ReferSubscription implements ReferProgress {

    private static final Log LOG = Log.of(Component.SIP);
    private static final int EXPIRES_SECONDS = 60;

    private final UasCall call;
    private final long referCseq;
    private boolean terminated;

    ReferSubscription(UasCall call, long referCseq) {
        this.call = call;
        this.referCseq = referCseq;
    }

    void start() {
        sendNotify("SIP/2.0 100 Trying", false);
    }

    @Override
    public void provisional(int status, String reasonPhrase) {
        if (status < 100 || status > 199) {
            throw new IllegalArgumentException("REFER provisional status=" + status + " is not 1xx");
        }
        call.ctx.loop.execute(() -> sendNotify("SIP/2.0 " + status + " " + reasonPhrase, false));
    }

    @Override
    public void finish(int status, String reasonPhrase) {
        if (status < 200 || status > 699) {
            throw new IllegalArgumentException("REFER final status=" + status + " is not 200..699");
        }
        call.ctx.loop.execute(() -> sendNotify("SIP/2.0 " + status + " " + reasonPhrase, true));
    }

    private void sendNotify(String statusLine, boolean last) {
        if (terminated || call.state() == SipCallState.ENDED) {
            return;
        }
        terminated = last;
        SipRequest notify = call.dialog.newRequest("NOTIFY", call.ctx.config, call.ctx.contact(call.dialog.transport));
        notify.headers().add(EVENT, "refer;id=" + referCseq);
        notify.headers().add(SUBSCRIPTION_STATE, last ? "terminated;reason=noresource" : "active;expires=" + EXPIRES_SECONDS);
        notify.headers().add(CONTENT_TYPE, "message/sipfrag;version=2.0");
        notify.body((statusLine + "\r\n").getBytes(StandardCharsets.UTF_8));
        call.sendInDialog(notify, new NonInviteClientTransaction.Listener() {
            @Override
            public void onFinalResponse(SipResponse response) {
                if (response.status() == 481) {
                    terminated = true;  // the referrer no longer has the subscription
                }
            }

            @Override
            public void onFailure(String reason) {
                LOG.warn(call.sessionUuid(), "refer_notify", "failed", "call_id", call.callId(), "reason", reason);
                terminated = true;
            }
        });
    }
}
