package org.audiostream.app;

import org.audiostream.call.sip.HangupCause;
import org.audiostream.call.sip.SipCall;
import org.audiostream.call.sip.TransferListener;
import org.audiostream.event.Event;
import org.audiostream.event.EventBus;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;

/**
 * Reports an {@code uuid_deflect} as {@value #EVENT} events: {@code refer} with the peer's answer to the
 * REFER, {@code progress} for each NOTIFY, and {@code transferred} or {@code failed} at the end. Once the
 * caller reports the new call answered (a final 2xx NOTIFY) we leave the call with a BYE, as FreeSWITCH's
 * deflect does; after a failure the call stays up, for the app to decide.
 *
 * <p>Threads: called on the SIP event loop.
 */
final class TransferEvents implements TransferListener {

    static final String EVENT = "call::deflect";
    private static final Log LOG = Log.of(Component.LIFECYCLE);

    private final SipCall call;
    private final String uuid;
    private final String referTo;
    private final EventBus events;

    TransferEvents(SipCall call, String referTo, EventBus events) {
        this.call = call;
        this.uuid = call.uuid().toString();
        this.referTo = referTo;
        this.events = events;
    }

    @Override
    public void onReferAnswered(int status, String reason) {
        boolean accepted = status >= 200 && status < 300;
        publish(accepted ? "refer" : "failed", status, reason);
        if (!accepted) {
            LOG.warn(uuid, "deflect", "refused", "refer_to", referTo, "status", status, "reason", reason);
        }
    }

    @Override
    public void onProgress(int status, String reason, boolean last) {
        if (!last) {
            publish("progress", status, reason);
            return;
        }
        boolean transferred = status >= 200 && status < 300;
        publish(transferred ? "transferred" : "failed", status, reason);
        LOG.notice(uuid, "deflect", transferred ? "transferred" : "failed", "refer_to", referTo, "status", status,
                "reason", reason);
        if (transferred) {
            call.hangup(HangupCause.NORMAL_CLEARING, "transferred");
        }
    }

    private void publish(String stage, int status, String reason) {
        events.publish(Event.json(EVENT, uuid, Json.object("stage", stage, "code", Integer.toString(status),
                "reason", reason, "refer_to", referTo)));
    }
}
