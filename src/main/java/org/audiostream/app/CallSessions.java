package org.audiostream.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.audiostream.call.rtp.PortPoolExhaustedException;
import org.audiostream.call.rtp.RtpCallLeg;
import org.audiostream.call.rtp.RtpLegConfig;
import org.audiostream.call.rtp.RtpLegListener;
import org.audiostream.call.rtp.RtpMetrics;
import org.audiostream.call.rtp.RtpPortPool;
import org.audiostream.call.rtp.RtpRemote;
import org.audiostream.call.sip.CallHandler;
import org.audiostream.call.sip.CallRefusal;
import org.audiostream.call.sip.CallRejection;
import org.audiostream.call.sip.HangupCause;
import org.audiostream.call.sip.MediaAnswer;
import org.audiostream.call.sip.NegotiatedMedia;
import org.audiostream.call.sip.ReferProgress;
import org.audiostream.call.sip.SipCall;
import org.audiostream.config.ConfigProblem;
import org.audiostream.config.EffectiveConfig;
import org.audiostream.config.Resolution;
import org.audiostream.config.StreamSettings;
import org.audiostream.event.Event;
import org.audiostream.event.EventBus;
import org.audiostream.media.ClockRegistration;
import org.audiostream.media.G711Law;
import org.audiostream.media.MediaClock;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import org.audiostream.session.CallDetails;
import org.audiostream.session.InjectSettings;
import org.audiostream.session.MediaSession;
import org.audiostream.session.SessionHealth;
import org.audiostream.session.SessionRegistry;

/**
 * The session layer as the SIP UAS sees it: each answered call gets an RTP leg, a media session
 * on the clock and a place in the registry; on answer the call is routed (park, or start
 * streaming); on every end path it is torn down exactly once, and every step is an event.
 *
 * <p>Threads: {@link CallHandler} methods run on the SIP event loop and do not block (binding two
 * UDP sockets is the slowest step); RTP leg callbacks run on clock shards; {@link #find} from any
 * thread.
 */
final class CallSessions implements CallHandler {

    private static final Log LOG = Log.of(Component.LIFECYCLE);
    private static final String VARIABLES_ORIGIN = "SIP headers/routing";
    private static final CallRefusal NO_PORTS = new CallRefusal(CallRefusal.Reason.CAPACITY, "no media resources free");
    private static final CallRefusal CLOCK_OVERLOADED = new CallRefusal(CallRefusal.Reason.OVERLOAD,
            "overloaded: the media clock runs late (limits.overload_clock_lateness_ms)");

    /**
     * One live call and everything allocated for it.
     *
     * @param trusted whether its INVITE came from a trusted signalling source (its control headers count)
     */
    record ActiveCall(SipCall sip, MediaSession session, RtpCallLeg leg, ClockRegistration clock, EffectiveConfig config,
                      boolean trusted) {}

    private final EffectiveConfig serviceConfig;
    private final SessionRegistry registry;
    private final MediaClock clock;
    private final RtpPortPool ports;
    private final RtpLegConfig legConfig;
    private final InetAddress mediaAddress;
    private final EventBus events;
    private final CallRouter router;
    private final RtpMetrics rtpMetrics;
    private final SignallingTrust trust;
    private final ConcurrentHashMap<String, ActiveCall> calls = new ConcurrentHashMap<>();

    CallSessions(EffectiveConfig serviceConfig, SessionRegistry registry, MediaClock clock, RtpPortPool ports,
                 RtpLegConfig legConfig, EventBus events, CallRouter router, RtpMetrics rtpMetrics, SignallingTrust trust) {
        this.rtpMetrics = rtpMetrics;
        this.serviceConfig = serviceConfig;
        this.registry = registry;
        this.clock = clock;
        this.ports = ports;
        this.legConfig = legConfig;
        this.mediaAddress = advertisedMediaAddress(legConfig.bindAddress());
        this.events = events;
        this.router = router;
        this.trust = trust;
    }

    /** Hangs up every live call (drain deadline reached, shutdown). */
    void hangupAll(HangupCause cause, String reasonText) {
        calls.values().forEach(c -> c.sip().hangup(cause, reasonText));
    }

    Optional<ActiveCall> find(String uuid) {
        return Optional.ofNullable(calls.get(uuid));
    }

    int size() {
        return calls.size();
    }

    /** The RTP legs of the live calls. */
    List<RtpCallLeg> legs() {
        return calls.values().stream().map(ActiveCall::leg).toList();
    }

    /**
     * A call can get media while an RTP port pair is free and the media clock keeps time; else INVITE and
     * OPTIONS are answered 503.
     */
    @Override
    public CallRefusal refusal() {
        if (ports.freePairs() == 0) {
            return NO_PORTS;
        }
        return clockOverloaded() ? CLOCK_OVERLOADED : null;
    }

    /** Whether the media clock runs so late that new calls are refused (limits.overload_clock_lateness_ms). */
    boolean clockOverloaded() {
        return clock.overloaded();
    }

    @Override
    public MediaAnswer onInvite(SipCall call, NegotiatedMedia media) throws CallRejection {
        String uuid = call.uuid().toString();
        boolean trusted = trust.trusts(call);
        EffectiveConfig callConfig = callConfig(uuid, call, trusted);
        RtpCallLeg leg;
        try {
            leg = RtpCallLeg.open(uuid, legConfig, ports, media == null ? null : remote(media), new LegEvents(uuid, call));
        } catch (PortPoolExhaustedException e) {
            LOG.error(uuid, "rtp_ports", "exhausted", "free_pairs", ports.freePairs(), "error", e.getMessage());
            throw new CallRejection(503, "No RTP ports available", 5);
        } catch (IOException e) {
            LOG.error(uuid, "rtp_open", "failed", "error", e.toString());
            throw new CallRejection(500, "Media setup failed");
        }
        CallDetails details = new CallDetails(call.from().uri().toString(), call.to().uri().toString(), call.callId(),
                Instant.now());
        int injectBufferMs = callConfig.intValue(StreamSettings.INJECT_BUFFER_MS);
        InjectSettings inject = new InjectSettings(injectBufferMs,
                Math.min(callConfig.intValue(StreamSettings.INJECT_MIN_BUFFER_MS), injectBufferMs),
                callConfig.flag(StreamSettings.INJECT_TRIM), callConfig.intValue(StreamSettings.HEALTH_MAX_DELAY_MS));
        MediaSession session = new MediaSession(uuid, details, leg, inject, System.nanoTime());
        registry.add(session);
        ClockRegistration registration = clock.register(session);
        calls.put(uuid, new ActiveCall(call, session, leg, registration, callConfig, trusted));
        LOG.notice(uuid, "session_init", "ok", "caller", details.caller(), "callee", details.callee(),
                "call_id", call.callId(), "rtp_port", leg.localRtpPort(), "codec", media == null ? "late-offer" : media.encodingName());
        events.publish(Event.json("call::created", uuid, Json.object("caller", details.caller(), "callee", details.callee(),
                "call_id", call.callId(), "remote", String.valueOf(call.remoteSignalingAddress()))));
        return new MediaAnswer(mediaAddress, leg.localRtpPort(), leg.localRtcpPort());
    }

    @Override
    public void onAnswered(SipCall call) {
        ActiveCall active = calls.get(call.uuid().toString());
        if (active == null) {
            return;
        }
        active.session().callAnswered();
        events.publish(Event.json("call::answered", active.session().uuid(), Json.object("call_id", call.callId())));
        router.onAnswered(active);
    }

    @Override
    public void onMediaChanged(SipCall call, NegotiatedMedia media) {
        ActiveCall active = calls.get(call.uuid().toString());
        if (active == null) {
            return;
        }
        active.leg().updateRemote(remote(media));
        LOG.notice(active.session().uuid(), "media_update", "ok", "remote", media.remoteRtp(), "direction",
                media.direction().attribute(), "codec", media.encodingName());
    }

    @Override
    public void onEnded(SipCall call, HangupCause cause) {
        ActiveCall active = calls.remove(call.uuid().toString());
        if (active == null) {
            return;
        }
        MediaSession session = active.session();
        SessionHealth last = session.health(System.nanoTime());
        session.close();
        active.clock().unregister();
        active.leg().close();
        rtpMetrics.retire(active.leg());
        registry.remove(session);
        session.markClosed();
        LOG.notice(session.uuid(), "session_cleanup", "ok", "cause", cause.name(), "q850", cause.q850(),
                "duration_ms", java.time.Duration.between(session.call().started(), Instant.now()).toMillis(),
                "mode", last.mode(), "frames_sent", last.capture().framesSent(), "frames_dropped",
                last.capture().framesDropped(), "caller_silent_frames", last.capture().callerSilentFrames(), "underrun_pct",
                last.inject().underrunPct(), "overflows", last.inject().overflowCount(), "health", last.health());
        events.publish(Event.json("call::hangup", session.uuid(), Json.object("cause", cause.name(),
                "q850", Integer.toString(cause.q850()), "text", cause.text())));
    }

    @Override
    public void onRefer(SipCall call, String referTo, ReferProgress progress) {
        String uuid = call.uuid().toString();
        LOG.notice(uuid, "refer", "declined", "refer_to", referTo, "reason", "transfer is not supported yet");
        events.publish(Event.json("call::refer", uuid, Json.object("refer_to", referTo, "result", "declined")));
        progress.finish(501, "Not Implemented");
    }

    /**
     * The service settings with the matching routing rule's variables and then, from a trusted source, the
     * call's {@code X-AUDIO_STREAM_*} (and alias) headers on top. Each variable stands alone: one that is
     * refused falls back to its service value with a WARN and takes no other variable with it; one out of
     * range is clamped with a WARN.
     */
    private EffectiveConfig callConfig(String uuid, SipCall call, boolean trusted) {
        Map<String, String> variables = trust.variables(uuid, call, trusted);
        Map<String, String> fromRule = router.variablesFor(call);
        Map<String, String> merged = new LinkedHashMap<>(fromRule);
        merged.putAll(variables);
        if (merged.isEmpty()) {
            return serviceConfig;
        }
        Map<String, String> accepted = new LinkedHashMap<>();
        merged.forEach((name, value) -> {
            Resolution alone = serviceConfig.overlay(Map.of(name, value), VARIABLES_ORIGIN, G711Law.SAMPLE_RATE);
            if (alone.hasErrors()) {
                alone.errors().forEach(p -> LOG.warn(uuid, "call_variables", "rejected", "detail", p.message(),
                        "fallback", "service value"));
            } else {
                accepted.put(name, value);
            }
        });
        Resolution r = serviceConfig.overlay(accepted, VARIABLES_ORIGIN, G711Law.SAMPLE_RATE);
        for (ConfigProblem p : r.problems()) {
            LOG.warn(uuid, "call_variables", p.isError() ? "rejected" : "clamped", "detail", p.message());
        }
        return r.hasErrors() ? serviceConfig : r.config();
    }

    private static RtpRemote remote(NegotiatedMedia m) {
        InetSocketAddress rtcp = new InetSocketAddress(m.remoteRtp().getAddress(), m.remoteRtcpPort());
        return new RtpRemote(m.remoteRtp(), rtcp, m.payloadType(), G711Law.valueOf(m.encodingName()),
                m.telephoneEventPt(), m.ptime(), m.direction());
    }

    private static InetAddress advertisedMediaAddress(InetAddress bind) {
        if (!bind.isAnyLocalAddress()) {
            return bind;
        }
        try {
            return InetAddress.getLocalHost();
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress();
        }
    }

    /** DTMF (an event, and to the stream target) and RTP timeouts from the leg (clock shard thread). */
    private final class LegEvents implements RtpLegListener {
        private final String uuid;
        private final SipCall call;

        LegEvents(String uuid, SipCall call) {
            this.uuid = uuid;
            this.call = call;
        }

        @Override
        public void onDtmf(char digit, int durationMs) {
            LOG.info(uuid, "dtmf", "received", "digit", String.valueOf(digit), "duration_ms", durationMs);
            events.publish(Event.json("dtmf", uuid, Json.object("digit", String.valueOf(digit),
                    "duration_ms", Integer.toString(durationMs))));
            ActiveCall active = calls.get(uuid);
            if (active != null) {
                active.session().onDtmf(digit, durationMs);
            }
        }

        /** WARN, not ERROR: a caller that sends no media is the caller's fault, and the gateway handles it (seed §1.3). */
        @Override
        public void onRtpTimeout() {
            LOG.warn(uuid, "rtp", "timeout", "timeout_ms", legConfig.rtpTimeoutMs());
            call.hangup(HangupCause.RTP_TIMEOUT, "no RTP for " + legConfig.rtpTimeoutMs() + " ms");
        }
    }
}
