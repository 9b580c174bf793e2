package org.audiostream.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.audiostream.config.EffectiveConfig;
import org.audiostream.config.Resolution;
import org.audiostream.call.sip.SipCallState;
import org.audiostream.config.Setting;
import org.audiostream.config.StreamSettings;
import org.audiostream.control.AdminApi;
import org.audiostream.control.Command;
import org.audiostream.control.CommandParseResult;
import org.audiostream.control.CommandParser;
import org.audiostream.event.Event;
import org.audiostream.event.EventBus;
import org.audiostream.control.Reply;
import org.audiostream.observe.BuildInfo;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import org.audiostream.observe.Metrics;
import org.audiostream.observe.ProcessMemory;
import org.audiostream.session.MediaSession;
import org.audiostream.session.SessionHealth;
import org.audiostream.session.SessionRegistry;
import org.audiostream.session.StreamMode;
import org.audiostream.stream.ai.AiOptions;
import org.audiostream.stream.ai.AiResources;
import org.audiostream.stream.ai.RealtimeEngine;
import org.audiostream.stream.ws.BreakerState;
import org.audiostream.stream.ws.EventBodies;
import org.audiostream.stream.ws.TargetBreaker;
import org.audiostream.stream.ws.WsClientResources;
import org.audiostream.stream.ws.WsStreamTarget;

/**
 * The {@code uuid_audio_stream} API: parses a command (text or REST), runs it against the live
 * sessions, and answers in the module's reply form. Also the session list and the health reports.
 *
 * <p>Threads: called on HTTP event loops and the SIP event loop (routing on answer); every
 * operation is a non-blocking hand-off to the session or its stream client.
 */
final class ApiService implements AdminApi {

    private static final Log LOG = Log.of(Component.API);
    static final int MAX_BREAKERS_SHOWN = 20;

    private final CallSessions calls;
    private final SessionRegistry registry;
    private final EventBus events;
    private final WsClientResources wsResources;
    private final AiResources aiResources;
    private final Metrics metrics;
    private final BooleanSupplier ready;
    private final StreamTargetGuard targetGuard;
    private final long startedNanos = System.nanoTime();

    ApiService(CallSessions calls, SessionRegistry registry, EventBus events, WsClientResources wsResources,
               AiResources aiResources, Metrics metrics, BooleanSupplier ready, StreamTargetGuard targetGuard) {
        this.aiResources = aiResources;
        this.calls = calls;
        this.registry = registry;
        this.events = events;
        this.wsResources = wsResources;
        this.metrics = metrics;
        this.ready = ready;
        this.targetGuard = targetGuard;
    }

    /** Replies are {@code +OK …}, {@code -ERR …} or {@code -USAGE: …}; {@code health} answers with the JSON itself. */
    @Override
    public String execute(String commandLine) {
        CommandParseResult parsed = CommandParser.parse(commandLine);
        if (parsed instanceof CommandParseResult.Parsed(Command.GlobalHealth g)) {
            return globalHealthJson();
        }
        if (parsed instanceof CommandParseResult.Parsed(Command.Health h)) {
            return sessionHealthJson(h.uuid()).orElse(Reply.err("no such session " + h.uuid()).line());
        }
        Reply reply = switch (parsed) {
            case CommandParseResult.Refused refused -> refused.reply();
            case CommandParseResult.Parsed p -> run(p.command());
        };
        LOG.info(null, "command", reply.isOk() ? "ok" : "refused", "command", firstWords(commandLine), "reply", reply.line());
        return reply.line();
    }

    @Override
    public String execute(String sessionUuid, String action, Map<String, String> args) {
        StringBuilder line = new StringBuilder(sessionUuid).append(' ').append(action);
        switch (action) {
            case "start" -> {
                line.append(' ').append(args.getOrDefault("url", "")).append(' ').append(args.getOrDefault("mix", defaultMix(sessionUuid)));
                String metadata = args.get("metadata");
                if (args.containsKey("rate")) {
                    line.append(' ').append(args.get("rate"));
                } else if (metadata != null && !args.containsKey("protocol")) {
                    // the text grammar needs a rate (or a protocol) before metadata; without one, the call's own default
                    line.append(' ').append(defaultRate(sessionUuid));
                }
                if (args.containsKey("protocol")) {
                    line.append(" protocol=").append(args.get("protocol"));
                }
                if (metadata != null) {
                    line.append(' ').append(metadata);
                }
            }
            case "stop", "send_text" -> {
                if (args.containsKey("text")) {
                    line.append(' ').append(args.get("text"));
                }
            }
            case "start_ai" -> {
                if (!args.isEmpty()) {
                    line.append(' ').append(Json.write(args)); // the body's variables, as the text form takes them
                }
            }
            case "ai_function_result" -> line.append(' ').append(args.getOrDefault("call_id", ""))
                    .append(' ').append(args.getOrDefault("output", ""));
            case "kill", "deflect", "send_dtmf", "break" -> {
                return execute(callControlLine(sessionUuid, action, args));
            }
            default -> { }
        }
        return execute(line.toString());
    }

    /** REST call control: {@code POST /v1/sessions/{uuid}/kill {"cause"}}, {@code deflect {"uri"}}, {@code send_dtmf {"digits"}}, {@code break}. */
    private static String callControlLine(String uuid, String action, Map<String, String> args) {
        String argument = switch (action) {
            case "kill" -> args.getOrDefault("cause", "");
            case "deflect" -> args.getOrDefault("uri", "");
            case "send_dtmf" -> args.getOrDefault("digits", "");
            default -> "";
        };
        return ("uuid_" + action + " " + uuid + " " + argument).strip();
    }

    /** REST {@code start} without {@code rate}: the call's {@code AUDIO_STREAM_SAMPLING}, as a text {@code start} without one. */
    private String defaultRate(String uuid) {
        return String.valueOf(callSetting(uuid, StreamSettings.SAMPLING, 8000));
    }

    /** REST {@code start} without {@code mix}: {@code AUDIO_STREAM_CHANNELS} 2 means stereo, else mono. */
    private String defaultMix(String uuid) {
        return callSetting(uuid, StreamSettings.CHANNELS, 1) == 2 ? "stereo" : "mono";
    }

    /** The call's value of {@code setting}; {@code fallback} for an unknown uuid, which is refused later anyway. */
    private int callSetting(String uuid, Setting setting, int fallback) {
        return calls.find(uuid).map(c -> c.config().intValue(setting)).orElse(fallback);
    }

    /** Starts streaming on answer (routing): {@code start …} or {@code start_ai …}, same path and checks as the API. */
    String startOnAnswer(String uuid, String subcommand) {
        return execute(uuid + " " + subcommand);
    }

    private Reply run(Command command) {
        String uuid = uuidOf(command);
        Optional<CallSessions.ActiveCall> found = calls.find(uuid);
        if (found.isEmpty()) {
            return Reply.err("no such session " + uuid);
        }
        CallSessions.ActiveCall call = found.get();
        MediaSession session = call.session();
        return switch (command) {
            case Command.Start start -> {
                try {
                    EffectiveConfig streamConfig = targetGuard.admit(uuid, start.url(), call.config());
                    WsStreamTarget.start(session, start, streamConfig, wsResources, events);
                    yield Reply.SUCCESS;
                } catch (IllegalStateException | IllegalArgumentException e) {
                    yield Reply.err(e.getMessage());
                }
            }
            case Command.Stop stop -> session.stopStreaming(stop.finalText()) ? Reply.SUCCESS
                    : Reply.err("not streaming: session " + uuid + " is " + session.state().name().toLowerCase());
            case Command.SendText send -> session.target().map(t -> switch (t) {
                case WsStreamTarget ws -> ws.sendText(send.text()) ? Reply.SUCCESS : Reply.err("not connected; text dropped");
                case RealtimeEngine ai -> ai.sendUserText(send.text()) ? Reply.SUCCESS
                        : Reply.err("AI session not connected; text dropped");
                default -> Reply.err("not streaming: session " + uuid + " has no WebSocket");
            }).orElse(Reply.err("not streaming: session " + uuid + " has no WebSocket"));
            case Command.Pause p -> session.pause() ? Reply.SUCCESS : Reply.err("not streaming: nothing to pause");
            case Command.Resume r -> session.resume() ? Reply.SUCCESS : Reply.err("not streaming: nothing to resume");
            case Command.StartAi ai -> startAi(call, ai);
            case Command.AiFunctionResult r -> session.target()
                    .filter(RealtimeEngine.class::isInstance).map(RealtimeEngine.class::cast)
                    .map(e -> e.functionResult(r.callId(), r.output()) ? Reply.SUCCESS
                            : Reply.err("no function call " + r.callId() + " is waiting for a result"))
                    .orElse(Reply.err("not in AI mode: session " + uuid));
            case Command.Kill kill -> {
                call.sip().hangup(kill.cause(), "killed by API");
                yield Reply.SUCCESS;
            }
            case Command.Break b -> {
                long dropped = session.injectBuffer().clear();
                LOG.info(uuid, "break", "ok", "dropped_samples", dropped);
                events.publish(Event.json(EventBodies.PLAY, uuid, EventBodies.PLAY_CLEARED));
                yield Reply.SUCCESS;
            }
            case Command.SendDtmf d -> call.leg().sendDtmf(d.digits(), d.durationMs()) ? Reply.SUCCESS
                    : Reply.err("cannot send DTMF: the call negotiated no telephone-event, or too many digits are queued");
            case Command.Deflect d -> {
                if (call.sip().state() != SipCallState.CONFIRMED) {
                    yield Reply.err("cannot deflect: call is " + call.sip().state().name().toLowerCase());
                }
                call.sip().transfer(d.referTo(), new TransferEvents(call.sip(), d.referTo(), events));
                yield Reply.SUCCESS;
            }
            case Command.Health h -> throw new IllegalStateException("health is answered before run()");
            case Command.GlobalHealth g -> throw new IllegalStateException("global_health is answered before run()");
        };
    }

    /** AI mode with the call's variables and the command's on top; refused with the variable's name when one is unusable. */
    private Reply startAi(CallSessions.ActiveCall call, Command.StartAi command) {
        MediaSession session = call.session();
        EffectiveConfig config = call.config();
        if (!command.overrides().isEmpty()) {
            Resolution r = config.overlay(command.overrides(), "start_ai", session.leg().sampleRate());
            r.warnings().forEach(p -> LOG.warn(session.uuid(), "start_ai", "variable", "problem", p.message()));
            if (r.hasErrors()) {
                return Reply.err(r.errors().get(0).message());
            }
            config = r.config();
        }
        try {
            AiOptions options = AiOptions.from(config, session.leg().g711Law());
            if (options.audioOutput()) {
                RealtimeEngine.start(session, options, aiResources, events);
            } else {
                RealtimeEngine.start(session, options, aiResources, events, aiResources.textSinks().create(session, config));
            }
            return Reply.SUCCESS;
        } catch (IllegalStateException | IllegalArgumentException e) {
            return Reply.err(e.getMessage());
        }
    }

    private static String uuidOf(Command c) {
        return switch (c) {
            case Command.Start s -> s.uuid();
            case Command.Stop s -> s.uuid();
            case Command.SendText s -> s.uuid();
            case Command.Pause s -> s.uuid();
            case Command.Resume s -> s.uuid();
            case Command.StartAi s -> s.uuid();
            case Command.AiFunctionResult s -> s.uuid();
            case Command.Health s -> s.uuid();
            case Command.Kill s -> s.uuid();
            case Command.Deflect s -> s.uuid();
            case Command.SendDtmf s -> s.uuid();
            case Command.Break s -> s.uuid();
            case Command.GlobalHealth g -> "";
        };
    }

    @Override
    public String sessionsJson() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (MediaSession s : registry.all()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("uuid", s.uuid());
            m.put("mode", s.mode().label());
            m.put("state", s.state().name());
            m.put("paused", s.paused());
            s.target().filter(WsStreamTarget.class::isInstance)
                    .ifPresent(t -> m.put("protocol", ((WsStreamTarget) t).protocol().label()));
            m.put("caller", s.call().caller());
            m.put("callee", s.call().callee());
            m.put("call_id", s.call().callId());
            m.put("started", s.call().started().toString());
            list.add(m);
        }
        return Json.write(list);
    }

    @Override
    public Optional<String> sessionHealthJson(String uuid) {
        return registry.find(uuid).map(s -> Json.write(s.health(System.nanoTime())));
    }

    /** Seed §2.2 plus the build metadata of §10, and the process's memory (resident set next to the heap). */
    @Override
    public String globalHealthJson() {
        long now = System.nanoTime();
        int ws = 0;
        int ai = 0;
        int parked = 0;
        int healthy = 0;
        int degraded = 0;
        int unhealthy = 0;
        for (MediaSession s : registry.all()) {
            StreamMode mode = s.mode();
            if (mode == StreamMode.WS) {
                ws++;
            } else if (mode == StreamMode.AI) {
                ai++;
            } else {
                parked++;
            }
            SessionHealth h = s.health(now);
            switch (h.health()) {
                case "HEALTHY" -> healthy++;
                case "DEGRADED" -> degraded++;
                default -> unhealthy++;
            }
        }
        BuildInfo build = BuildInfo.current();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("active_ws_sessions", ws);
        m.put("active_ai_sessions", ai);
        m.put("parked_sessions", parked);
        m.put("total_sessions_created", registry.totalCreated());
        m.put("total_sessions_destroyed", registry.totalDestroyed());
        m.put("healthy", healthy);
        m.put("degraded", degraded);
        m.put("unhealthy", unhealthy);
        m.put("uptime_sec", (now - startedNanos) / 1_000_000_000L);
        m.put("draining", !ready.getAsBoolean());
        m.put("overloaded", calls.clockOverloaded());
        m.put("ws_breakers", breakersNotClosed());
        ProcessMemory memory = ProcessMemory.now();
        m.put("rss_bytes", memory.rssBytes());
        m.put("heap_used_bytes", memory.heapUsedBytes());
        m.put("heap_committed_bytes", memory.heapCommittedBytes());
        m.put("heap_max_bytes", memory.heapMaxBytes());
        m.put("version", build.version());
        m.put("build_date", build.buildDate());
        m.put("build_type", build.buildType());
        m.put("git_commit", build.gitCommit());
        return Json.write(m);
    }

    /** The WS targets whose circuit breaker is not CLOSED (at most {@value #MAX_BREAKERS_SHOWN}). */
    private List<Map<String, Object>> breakersNotClosed() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (TargetBreaker.Snapshot b : wsResources.breakers().snapshots()) {
            if (b.state() != BreakerState.CLOSED && out.size() < MAX_BREAKERS_SHOWN) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("target", b.target());
                m.put("state", b.state().name());
                m.put("failures_in_window", b.failuresInWindow());
                m.put("retry_in_ms", b.retryInMillis());
                out.add(m);
            }
        }
        return out;
    }

    @Override
    public boolean ready() {
        return ready.getAsBoolean();
    }

    @Override
    public String metrics() {
        return metrics.scrape();
    }

    private static String firstWords(String line) {
        String[] words = line.strip().split("\\s+", 4);
        return String.join(" ", java.util.Arrays.copyOf(words, Math.min(words.length, 3)));
    }
}
