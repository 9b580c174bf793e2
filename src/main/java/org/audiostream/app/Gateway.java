package org.audiostream.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.audiostream.call.rtp.RtpCallLeg;
import org.audiostream.call.rtp.JitterBufferConfig;
import org.audiostream.call.rtp.RtpLegConfig;
import org.audiostream.call.rtp.RtpMetrics;
import org.audiostream.call.rtp.RtpPortPool;
import org.audiostream.call.sip.HangupCause;
import org.audiostream.call.sip.SipUas;
import org.audiostream.call.sip.SipMetrics;
import org.audiostream.call.sip.SipUasConfig;
import org.audiostream.config.AiSettings;
import org.audiostream.config.ConfigException;
import org.audiostream.config.AddressList;
import org.audiostream.config.ConfigProblem;
import org.audiostream.config.EffectiveConfig;
import org.audiostream.config.HostPort;
import org.audiostream.config.PortRange;
import org.audiostream.config.RoutingRules;
import org.audiostream.config.ServiceSettings;
import org.audiostream.config.StreamSettings;
import org.audiostream.control.AdminHttpServer;
import org.audiostream.control.AdminLimits;
import org.audiostream.control.Command;
import org.audiostream.control.CommandParseResult;
import org.audiostream.control.CommandParser;
import org.audiostream.event.Event;
import org.audiostream.event.EventBus;
import org.audiostream.control.WebhookSink;
import org.audiostream.media.MediaClock;
import org.audiostream.media.MediaClockSettings;
import org.audiostream.media.NanoClock;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import org.audiostream.observe.Metrics;
import org.audiostream.observe.ProcessMetrics;
import org.audiostream.observe.SecurityEvent;
import org.audiostream.session.SessionHousekeeping;
import org.audiostream.session.SessionMetrics;
import org.audiostream.session.SessionRegistry;
import org.audiostream.session.StreamMode;
import org.audiostream.stream.ai.AiCounters;
import org.audiostream.stream.ai.AiMetrics;
import org.audiostream.stream.ai.tts.TtsMetrics;
import org.audiostream.stream.ai.tts.TtsResources;
import org.audiostream.stream.ai.tts.TtsSinks;
import org.audiostream.stream.ai.tts.TtsStartupPrewarm;
import org.audiostream.stream.ai.AiResources;
import org.audiostream.stream.ws.BreakerListener;
import org.audiostream.stream.ws.BreakerPolicy;
import org.audiostream.stream.ws.DrainWakeups;
import org.audiostream.stream.ws.TargetBreakers;
import org.audiostream.stream.ws.WsClientResources;
import org.audiostream.stream.ws.WsMetrics;

/**
 * The running gateway: wires the call endpoint (SIP UAS + RTP legs), the media clock, the session
 * registry, WS streaming, the event bus and the admin HTTP server, and shuts them down in order
 * (seed §3): stop accepting (503 + Retry-After), ask every session to close, wait up to the drain
 * deadline, hang up the rest with a Reason header, flush events, stop.
 *
 * <p>Threads: {@link #start} and {@link #close} from one control thread (main or the shutdown hook).
 */
public final class Gateway implements AutoCloseable {

    private static final Log LOG = Log.of(Component.LIFECYCLE);
    /** Buckets of the per-tick processing time of one session (DESIGN §4.4), seconds. */
    private static final double[] PROCESSING_BUCKETS = {5e-6, 10e-6, 20e-6, 50e-6, 100e-6, 200e-6, 500e-6, 1e-3, 2e-3,
        5e-3, 10e-3, 20e-3, Double.POSITIVE_INFINITY};
    /** Buckets of how late a clock tick started, seconds (a tick is 20 ms). */
    private static final double[] LATENESS_BUCKETS = {100e-6, 500e-6, 1e-3, 2e-3, 5e-3, 10e-3, 20e-3, 50e-3, 100e-3,
        Double.POSITIVE_INFINITY};
    /** Buckets of the AI first-audio delay, seconds: fine around one tick, where the goal (p99 25 ms) lies. */
    private static final double[] QUEUED_BUCKETS = {50e-6, 100e-6, 250e-6, 500e-6, 1e-3, 2.5e-3, 5e-3, 10e-3, 25e-3,
            50e-3, 100e-3, Double.POSITIVE_INFINITY};
    private static final double[] FIRST_AUDIO_BUCKETS = {1e-3, 2.5e-3, 5e-3, 7.5e-3, 10e-3, 12.5e-3, 15e-3, 17.5e-3, 20e-3,
        22.5e-3, 25e-3, 30e-3, 40e-3, 50e-3, 75e-3, 100e-3, 250e-3, Double.POSITIVE_INFINITY};
    static final String BREAKER_EVENT = "mod_audio_stream::breaker";

    private final EffectiveConfig config;
    private final EventBus events = new EventBus();
    private final SessionRegistry registry = new SessionRegistry();
    private final Metrics metrics = new Metrics();
    private final RtpMetrics rtpMetrics = new RtpMetrics(this::liveLegs);
    private EventLoopGroup io;
    private EventLoopGroup admin;
    private MediaClock clock;
    private RtpPortPool ports;
    private CallSessions calls;
    private SipUas uas;
    private AdminHttpServer http;
    private WsClientResources wsResources;
    private AiResources aiResources;
    private TtsResources ttsResources;
    private ScheduledExecutorService housekeeping;
    private WebhookSink webhook;
    private volatile boolean draining;
    private boolean closed;

    private Gateway(EffectiveConfig config) {
        this.config = config;
    }

    /** Starts everything, or stops what was started and rethrows. */
    public static Gateway start(EffectiveConfig config, Path configFile) {
        Gateway g = new Gateway(config);
        try {
            g.startComponents(configFile);
            return g;
        } catch (RuntimeException | InterruptedException e) {
            g.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
        }
    }

    private void startComponents(Path configFile) throws InterruptedException {
        // WebSocket I/O (apps, OpenAI): one loop per core (one loop saturated first at a few hundred calls); the admin
        // HTTP server has a loop of its own, so a metrics scrape or an event stream never delays call audio
        io = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), new DefaultThreadFactory("io"),
                NioIoHandler.newFactory());
        admin = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("admin"), NioIoHandler.newFactory());
        int shards = config.intValue(ServiceSettings.MEDIA_THREADS);
        clock = new MediaClock(new MediaClockSettings(shards == 0 ? Runtime.getRuntime().availableProcessors() : shards,
                MediaClockSettings.defaults().maxCatchUpTicks(), config.intValue(ServiceSettings.OVERLOAD_CLOCK_LATENESS_MS)),
                NanoClock.SYSTEM, this::onTaskFailed).start();
        PortRange range = config.get(ServiceSettings.RTP_PORTS, PortRange.class);
        ports = new RtpPortPool(range.first(), range.last(), new SplittableRandom(new SecureRandom().nextLong()));
        HostPort sipBind = config.get(ServiceSettings.SIP_BIND, HostPort.class);
        RtpLegConfig defaults = RtpLegConfig.defaults(address(sipBind.host()));
        JitterBufferConfig jitter = new JitterBufferConfig(defaults.jitter().sampleRate(),
                config.intValue(ServiceSettings.RTP_JITTER_START_MS), config.intValue(ServiceSettings.RTP_JITTER_MIN_MS),
                config.intValue(ServiceSettings.RTP_JITTER_MAX_MS));
        RtpLegConfig legConfig = new RtpLegConfig(defaults.bindAddress(), jitter, defaults.latchAnySource(),
                config.intValue(ServiceSettings.RTP_TIMEOUT_MS), defaults.rtcpIntervalMs(), defaults.dtmfEndTimeoutMs());
        BreakerListener breakerEvents = (target, from, to, reason) -> events.publish(Event.json(BREAKER_EVENT, null,
                Json.object("target", target, "from", from.name(), "state", to.name(), "reason", reason)));
        DrainWakeups wakeups = DrainWakeups.perTick();
        clock.onTickEnd(wakeups::wakeAll);
        wsResources = WsClientResources.nioWithDns(io, TargetBreakers.withDefaults(breakerEvents)).withWakeups(wakeups);
        ttsResources = TtsResources.fromConfig(config);
        aiResources = new AiResources(wsResources.withBreakers(new TargetBreakers(new BreakerPolicy(
                config.intValue(AiSettings.BREAKER_FAILURES), Duration.ofSeconds(60),
                Duration.ofMillis(config.intValue(AiSettings.BREAKER_COOLDOWN_MS)), Duration.ofSeconds(60)),
                System::nanoTime, TargetBreakers.DEFAULT_MAX_TARGETS, breakerEvents)), new AiCounters(),
                new TtsSinks(ttsResources));

        List<ConfigProblem> problems = new ArrayList<>();
        StreamTargetGuard targetGuard = new StreamTargetGuard(config);
        RoutingRules rules = RoutingRules.load(configFile, args -> validateStartArgs(args, targetGuard), problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        ApiService[] api = new ApiService[1];
        CallRouter router = new CallRouter(rules, (uuid, args) -> api[0].startOnAnswer(uuid, args));
        SignallingTrust trust = new SignallingTrust(config.get(ServiceSettings.SIP_TRUSTED_SOURCES, AddressList.class),
                config.schema());
        calls = new CallSessions(config, registry, clock, ports, legConfig, events, router, rtpMetrics, trust);
        api[0] = new ApiService(calls, registry, events, wsResources, aiResources, metrics, () -> !draining, targetGuard);

        AddressList trustedSources = config.get(ServiceSettings.SIP_TRUSTED_SOURCES, AddressList.class);
        uas = new SipUas(SipUasConfig.builder().bind(sipBind.host(), sipBind.port())
                .maxSessions(config.intValue(ServiceSettings.MAX_SESSIONS))
                .tcpConnectionLimits(config.intValue(ServiceSettings.SIP_TCP_MAX_CONNECTIONS),
                        config.intValue(ServiceSettings.SIP_TCP_MAX_CONNECTIONS_PER_SOURCE))
                .tcpMessageTimeout(Duration.ofMillis(config.intValue(ServiceSettings.SIP_TCP_MESSAGE_TIMEOUT_MS)))
                .inviteRate(config.intValue(ServiceSettings.SIP_INVITE_RATE), trustedSources::contains)
                .build(), calls);
        uas.start();
        http = new AdminHttpServer(config.get(ServiceSettings.HTTP_BIND, HostPort.class),
                config.secret(ServiceSettings.HTTP_TOKEN), api[0], events, admin, adminLimits()).start();
        config.value(ServiceSettings.EVENT_WEBHOOK_URL).map(String.class::cast)
                .ifPresent(url -> webhook = new WebhookSink(webhookUri(url), events));
        registerMetrics();
        TtsStartupPrewarm.start(config, ttsResources, io);
        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "housekeeping"));
        SessionHousekeeping watch = new SessionHousekeeping(registry, events,
                uuid -> calls.find(uuid).map(CallSessions.ActiveCall::config).orElse(config));
        housekeeping.scheduleAtFixedRate(watch::run, 1, 1, TimeUnit.SECONDS);
        long descriptors = DescriptorBudget.available();
        if (descriptors >= 0 && descriptors < DescriptorBudget.needed(config)) {
            LOG.warn(null, "file_descriptors", "insufficient", "limit", descriptors, "needed", DescriptorBudget.needed(config),
                    "hint", "raise ulimit -n, or lower limits.max_sessions, sip.tcp_max_connections, http.max_connections");
        }
        LOG.notice(null, "gateway_start", "ok", "sip", uas.localAddress(), "http", http.address(), "rtp_ports", range,
                "media_threads", clock.shards().size(), "routing_rules", rules.rules().size());
    }

    public InetSocketAddress sipAddress() {
        return uas.localAddress();
    }

    public InetSocketAddress httpAddress() {
        return http.address();
    }

    public EventBus events() {
        return events;
    }

    public SessionRegistry registry() {
        return registry;
    }

    int liveCalls() {
        return uas == null ? 0 : uas.liveCalls();
    }

    private List<RtpCallLeg> liveLegs() {
        return calls == null ? List.of() : calls.legs();
    }

    long sipRequestsReceived(String method) {
        return uas.counters().requests().getOrDefault(method, 0L);
    }

    int freePortPairs() {
        return ports.freePairs();
    }

    /**
     * Graceful shutdown (seed §3): 503 for new calls, streams asked to close, calls given up to the
     * drain deadline to end, the rest hung up with {@code Reason: Q.850;cause=41}.
     */
    public void drain() {
        if (uas == null || draining) {
            return;
        }
        draining = true;
        uas.setDraining(true);
        int live = uas.liveCalls();
        LOG.notice(null, "drain", "started", "live_calls", live, "deadline_ms", config.intValue(ServiceSettings.DRAIN_TIMEOUT_MS));
        registry.all().forEach(s -> s.stopStreaming(null));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.intValue(ServiceSettings.DRAIN_TIMEOUT_MS));
        while (uas.liveCalls() > 0 && System.nanoTime() < deadline) {
            sleep(100);
        }
        int remaining = uas.liveCalls();
        if (remaining > 0) {
            LOG.warn(null, "drain", "deadline_reached", "hanging_up", remaining);
            calls.hangupAll(HangupCause.SYSTEM_SHUTDOWN, "service shutting down");
        }
        LOG.notice(null, "drain", "done", "calls_drained", live - remaining, "calls_hung_up", remaining);
    }

    /**
     * Drains, then stops in an order that loses no event: calls and streams end first (their last events are
     * published), the bus delivers everything queued to every subscriber, the event streams end after what
     * was written to them, and only then do the event loops stop.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        drain();
        if (housekeeping != null) {
            housekeeping.shutdownNow();
        }
        if (http != null) {
            http.stopListening();
        }
        closeQuietly(uas);
        closeQuietly(clock);
        events.close();
        closeQuietly(http);
        closeQuietly(webhook);
        if (wsResources != null && wsResources.resolver() != null) {
            closeQuietly(wsResources.resolver());
        }
        closeQuietly(ttsResources);
        for (EventLoopGroup group : new EventLoopGroup[] {admin, io}) {
            if (group != null) {
                group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
        metrics.close();
        LOG.notice(null, "gateway_stop", "ok", "sessions_created", registry.totalCreated(),
                "sessions_destroyed", registry.totalDestroyed());
    }

    private void onTaskFailed(org.audiostream.media.FrameTask task, Throwable error) {
        if (task instanceof org.audiostream.session.MediaSession s) {
            LOG.error(s.uuid(), "media_tick", "failed", error);
            calls.find(s.uuid()).ifPresent(c -> c.sip().hangup(HangupCause.MEDIA_ERROR, "media error"));
        }
    }

    /** Every package's meters (docs/operations.md lists them with the alerts built on them). */
    private void registerMetrics() {
        SipMetrics sip = new SipMetrics(uas);
        metrics.add(new SessionMetrics(registry)).add(sip).add(rtpMetrics).add(new WsMetrics(wsResources))
                .add(r -> {
                    Gauge.builder("audiostream.rtp.port.pairs.free", ports, RtpPortPool::freePairs)
                            .description("RTP/RTCP port pairs available").register(r);
                    FunctionCounter.builder("audiostream.events.published", events, EventBus::publishedCount)
                            .description("Events queued for subscribers").register(r);
                    FunctionCounter.builder("audiostream.events.dropped", events, EventBus::droppedCount)
                            .description("Events some subscriber did not get: the bus's queue was full, or a subscriber's")
                            .register(r);
                    Gauge.builder("audiostream.sessions.limit", config, c -> c.intValue(ServiceSettings.MAX_SESSIONS))
                            .description("Admission cap: calls above it are refused with 503").register(r);
                    Gauge.builder("audiostream.draining", this, g -> g.draining ? 1 : 0)
                            .description("1 while draining (new calls refused), else 0").register(r);
                    Gauge.builder("audiostream.media.clock.overloaded", clock, c -> c.overloaded() ? 1 : 0)
                            .description("1 while the media clock runs so late that new calls are refused "
                                    + "(limits.overload_clock_lateness_ms), else 0").register(r);
                    for (SecurityEvent e : SecurityEvent.values()) {
                        FunctionCounter.builder("audiostream.security.events", e, SecurityEvent::total).tag("event", e.label())
                                .description("Refusals and defences (docs/security.md)").register(r);
                    }
                })
                .add(new AiMetrics(aiResources.counters(), () -> (int) registry.all().stream()
                        .filter(s -> s.mode() == StreamMode.AI).count()))
                .add(new TtsMetrics(ttsResources))
                .add(new ProcessMetrics()).add(new JvmMemoryMetrics()).add(new JvmGcMetrics())
                .add(new JvmThreadMetrics());
        metrics.beforeScrape(sip::refresh);
        metrics.histogram("audiostream_frame_processing_seconds",
                "Time one session's 20 ms tick took (capture and inject paths, RTP I/O)",
                () -> clock.processingHistogram(PROCESSING_BUCKETS));
        metrics.histogram("audiostream_clock_lateness_seconds", "How late each media clock tick started",
                () -> clock.latenessHistogram(LATENESS_BUCKETS));
        metrics.histogram("audiostream_ai_first_audio_delay_seconds",
                "The gateway's share of AI response latency: a response's first audio delta in to its first frame played",
                () -> aiResources.counters().firstAudioDelay(FIRST_AUDIO_BUCKETS));
        metrics.histogram("audiostream_ai_first_audio_queued_seconds",
                "The gateway's processing of an answer's first audio (a delta, or a TTS provider's first bytes of a "
                        + "sentence): arrival to the inject buffer, without the wait for the media clock",
                () -> aiResources.counters().firstAudioQueued(QUEUED_BUCKETS));
    }

    private AdminLimits adminLimits() {
        return new AdminLimits(config.intValue(ServiceSettings.HTTP_MAX_CONNECTIONS),
                config.intValue(ServiceSettings.HTTP_MAX_CONNECTIONS_PER_SOURCE),
                Duration.ofMillis(config.intValue(ServiceSettings.HTTP_REQUEST_TIMEOUT_MS)),
                Duration.ofMillis(config.intValue(ServiceSettings.HTTP_IDLE_TIMEOUT_MS)),
                config.intValue(ServiceSettings.EVENTS_MAX_SUBSCRIBERS), config.intValue(ServiceSettings.EVENTS_SUBSCRIBER_QUEUE));
    }

    /** {@code null} if {@code args} would be accepted by the API's {@code start}, else the reason. */
    private static String validateStartArgs(String args, StreamTargetGuard targetGuard) {
        return switch (CommandParser.parse("00000000-0000-0000-0000-000000000000 start " + args)) {
            case CommandParseResult.Parsed(Command.Start s) when !targetGuard.allows(s.url()) -> "start \"" + args
                    + "\" names a target that is not in " + StreamSettings.ALLOWED_TARGETS.name();
            case CommandParseResult.Parsed p -> null;
            case CommandParseResult.Refused r -> "start \"" + args + "\" refused: " + r.reply().line();
        };
    }

    private static java.net.URI webhookUri(String url) {
        java.net.URI uri = java.net.URI.create(url);
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException(ServiceSettings.EVENT_WEBHOOK_URL.name() + "=" + url + " must be http:// or https://");
        }
        return uri;
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve " + ServiceSettings.SIP_BIND.name() + " host " + host, e);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn(null, "shutdown", "close_failed", "component", c.getClass().getSimpleName(), "error", e.toString());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
