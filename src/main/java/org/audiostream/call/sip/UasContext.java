package org.audiostream.call.sip;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.audiostream.net.SourceRateLimiter;

/**
 * What the UAS's parts share: configuration, the event loop that runs everything, counters, the
 * sender, the transaction table, the call registry, the target resolver and the session layer's
 * handler. One per {@link SipUas}.
 * Threads: the objects reached from here are confined to {@link #loop} unless their own
 * javadoc says otherwise; {@link #draining} is read on the loop and written from any thread;
 * {@link #localPort} is written once before the listeners start reading; {@link #inviteRate} is
 * confined to the loop.
 */
final class UasContext {

    /** Source addresses whose INVITE rate is tracked at once (least recently seen forgotten first). */
    static final int MAX_RATE_LIMITED_SOURCES = 10_000;
    private static final CallRefusal DRAINING = new CallRefusal(CallRefusal.Reason.DRAINING, "draining");

    final SipUasConfig config;
    final EventLoop loop;
    final SipCounters counters;
    final SipSender sender;
    final TransactionTable transactions = new TransactionTable();
    final CallRegistry calls = new CallRegistry();
    final SipTargetResolver resolver;
    final CallHandler handler;
    final SourceRateLimiter inviteRate;
    volatile boolean draining;
    volatile int localPort;

    UasContext(SipUasConfig config, EventLoop loop, SipCounters counters, SipSender sender, CallHandler handler) {
        this.config = config;
        this.loop = loop;
        this.counters = counters;
        this.sender = sender;
        this.handler = handler;
        this.resolver = new SipTargetResolver(this);
        this.inviteRate = new SourceRateLimiter(config.inviteRate(), MAX_RATE_LIMITED_SOURCES);
    }

    SipTimers timers() {
        return config.timers();
    }

    ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        return loop.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Our Contact URI for a dialog on {@code transport}. */
    SipUri contact(SipTransportType transport) {
        return new SipUri(false, null, null, config.contactHost(), localPort,
                transport == SipTransportType.TCP ? ";transport=tcp" : "", "");
    }

    /** Our Via value for a request sent on {@code transport}, with a new branch. */
    String via(SipTransportType transport) {
        return "SIP/2.0/" + transport.name() + " " + config.contactHost() + ":" + localPort + ";branch=" + SipIds.branch() + ";rport";
    }

    /**
     * Why new calls must be refused now (draining, at the admission cap, or the session layer has no room), or
     * {@code null} when they are taken.
     */
    CallRefusal admissionRefusal() {
        if (draining) {
            return DRAINING;
        }
        int live = calls.live();
        if (live >= config.maxSessions()) {
            return new CallRefusal(CallRefusal.Reason.CAPACITY, "calls=" + live + " >= maxSessions=" + config.maxSessions());
        }
        return handler.refusal();
    }
}
