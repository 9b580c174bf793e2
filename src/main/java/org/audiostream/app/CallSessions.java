package org.audiostream.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import org.audiostream.call.sip.CallRejection;
import org.audiostream.call.sip.HangupCause;
import org.audiostream.call.sip.MediaAnswer;
import org.audiostream.call.sip.NegotiatedMedia;
import org.audiostream.call.sip.ReferProgress;
import org.audiostream.call.sip.SipCall;
import org.audiostream.call.sip.SipHeader;
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
    /** Header prefix of per-call variables: {@code X-AUDIO_STREAM_INJECT_BUFFER_MS}, {@code X-STREAM_…}, {@code X-AI_…}. */
    private static final String VARIABLE_HEADER_PREFIX = "X-";
    static final String START_HEADER = "X-AUDIO_STREAM_START";
    /** Starts AI mode on answer: empty, or the JSON object of variables {@code start_ai} takes. */
    static final String START_AI_HEADER = "X-AUDIO_STREAM_START_AI";
    private static final String PRIMARY_HEADER_PREFIX = "X-AUDIO_STREAM_";
    private static final String VARIABLES_ORIGIN = "SIP headers/routing";

    /** One live call and everything allocated for it. */
    record ActiveCall(SipCall sip, MediaSession session, RtpCallLeg leg, ClockRegistration clock, EffectiveConfig config) {}

    private final EffectiveConfig serviceConfig;
    private final SessionRegistry registry;
    private final MediaClock clock;
    private final RtpPortPool ports;
    private final RtpLegConfig legConfig;
    private final InetAddress mediaAddress;
    private final EventBus events;
    private final CallRouter router;
    private final RtpMetrics rtpMetrics;
    private final ConcurrentHashMap<String, ActiveCall> calls = new ConcurrentHashMap<>();

    CallSessions(EffectiveConfig serviceConfig, SessionRegistry registry, MediaClock clock, RtpPortPool ports,
                 RtpLegConfig legConfig, EventBus events, CallRouter router, RtpMetrics rtpMetrics) {
        this.rtpMetrics = rtpMetrics;
        this.serviceConfig = serviceConfig;
        this.registry = registry;
        this.clock = clock;
        this.ports = ports;
        this.legConfig = legConfig;
        this.mediaAddress = advertisedMediaAddress(legConfig.bindAddress());
        this.events = events;
        this.router = router;
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

    @Override
    public MediaAnswer onInvite(SipCall call, NegotiatedMedia media) throws CallRejection {
        String uuid = call.uuid().toString();
        EffectiveConfig callConfig = callConfig(uuid, call);
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
        MediaSession session = new MediaSession(uuid, details, leg, callConfig.intValue(StreamSettings.INJECT_BUFFER_MS),
                Math.min(callConfig.intValue(StreamSettings.INJECT_MIN_BUFFER_MS), callConfig.intValue(StreamSettings.INJECT_BUFFER_MS)),
                System.nanoTime());
        registry.add(session);
        ClockRegistration registration = clock.register(session);
        calls.put(uuid, new ActiveCall(call, session, leg, registration, callConfig));
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
     * The service settings with the call's {@code X-AUDIO_STREAM_*} (and alias) headers on top. Each
     * variable stands alone: one that is refused falls back to its service value with a WARN and takes no
     * other variable with it; one out of range is clamped with a WARN. An {@code X-AUDIO_STREAM_*} header
     * that names no variable is a WARN too (a typo would otherwise go unnoticed).
     */
    private EffectiveConfig callConfig(String uuid, SipCall call) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (SipHeader h : call.inviteHeaders()) {
            String name = h.name();
            if (!name.regionMatches(true, 0, VARIABLE_HEADER_PREFIX, 0, 2) || name.equalsIgnoreCase(START_HEADER)) {
                continue;
            }
            if (serviceConfig.schema().byName(name.substring(2)).isPresent()) {
                variables.put(name.substring(2).toUpperCase(Locale.ROOT), h.value());
            } else if (name.regionMatches(true, 0, PRIMARY_HEADER_PREFIX, 0, PRIMARY_HEADER_PREFIX.length())) {
                LOG.warn(uuid, "call_variables", "unknown", "header", name, "detail", "no such variable; ignored (typo?)");
            }
        }
        Map<String, String> merged = new LinkedHashMap<>(router.variablesFor(call));
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

        @Override
        public void onRtpTimeout() {
            LOG.error(uuid, "rtp", "timeout", "timeout_ms", legConfig.rtpTimeoutMs());
            call.hangup(HangupCause.RTP_TIMEOUT, "no RTP for " + legConfig.rtpTimeoutMs() + " ms");
        }
    }
}
