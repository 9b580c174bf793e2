package org.audiostream.call.sip;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.BitSet;
import java.util.Locale;

/**
 * The UAS's meters: live calls, requests by method, responses sent by status code, invalid messages by
 * reason, retransmissions, timeouts, drops and admission rejections (503 while draining or at the cap).
 * A status code gets its series when it is first sent: {@link #refresh} (run before each scrape)
 * registers the codes seen since.
 *
 * <p>Threads: {@link #bindTo} once; {@link #refresh} on the scraping thread.
 */
public final class SipMetrics implements MeterBinder {

    private final SipUas uas;
    private final BitSet registeredCodes = new BitSet(700);
    private MeterRegistry registry;

    public SipMetrics(SipUas uas) {
        this.uas = uas;
    }

    @Override
    public void bindTo(MeterRegistry r) {
        registry = r;
        SipCounters c = uas.counters();
        Gauge.builder("audiostream.sip.calls", uas, SipUas::liveCalls).description("Live SIP calls").register(r);
        for (String method : c.requests().keySet()) {
            FunctionCounter.builder("audiostream.sip.requests", c, x -> x.requests().get(method)).tag("method", method)
                    .description("SIP requests received, by method").register(r);
        }
        for (SipFailureReason reason : SipFailureReason.values()) {
            FunctionCounter.builder("audiostream.sip.messages.invalid", c, x -> x.invalid().get(reason))
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .description("Invalid SIP messages, by reason").register(r);
        }
        FunctionCounter.builder("audiostream.sip.retransmissions.sent", c, SipCounters::retransmissionsSent)
                .description("SIP retransmissions sent").register(r);
        FunctionCounter.builder("audiostream.sip.ack.timeouts", c, SipCounters::ackTimeouts)
                .description("Final responses never acknowledged (Timer H/L)").register(r);
        FunctionCounter.builder("audiostream.sip.client.timeouts", c, SipCounters::clientTimeouts)
                .description("Our requests without a final response (Timer F)").register(r);
        FunctionCounter.builder("audiostream.sip.messages.dropped", c, SipCounters::dropped)
                .description("SIP messages dropped without a response").register(r);
        for (CallRefusal.Reason reason : CallRefusal.Reason.values()) {
            FunctionCounter.builder("audiostream.admission.rejections", c, counters -> counters.rejected(reason))
                    .tag("reason", reason.label()).description("New calls refused with 503, by reason").register(r);
        }
        refresh();
    }

    /** Registers a response counter for every status code sent since the last call. */
    public synchronized void refresh() {
        SipCounters c = uas.counters();
        for (int code = 100; code < 700; code++) {
            if (!registeredCodes.get(code) && c.responsesSent(code) > 0) {
                int status = code;
                FunctionCounter.builder("audiostream.sip.responses.sent", c, x -> x.responsesSent(status))
                        .tag("code", Integer.toString(status)).description("SIP responses sent, by status code")
                        .register(registry);
                registeredCodes.set(code);
            }
        }
    }
}
