package org.audiostream.stream.ai;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.audiostream.event.Event;
import org.audiostream.event.EventBus;
import org.audiostream.media.InjectBuffer;
import org.audiostream.media.InjectListener;
import org.audiostream.media.MixMode;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import org.audiostream.observe.RateLimitedLog;
import org.audiostream.session.AiHealth;
import org.audiostream.session.MediaSession;
import org.audiostream.session.StreamMode;
import org.audiostream.session.StreamTarget;
import org.audiostream.session.TtsHealth;
import org.audiostream.stream.ws.WsClientConfig;
import org.audiostream.stream.ws.WsErrorCode;
import org.audiostream.stream.ws.WsStreamClient;
import org.audiostream.stream.ws.WsStreamListener;
import org.audiostream.stream.ws.WsUrl;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * AI mode for one session: an OpenAI Realtime voice agent (GA protocol) on the call.
 *
 * <pre>
 * capture: MediaSession -> onCapturedFrame (mono, the format's rate) -> AppendChunker -> append JSON
 *          -> the active session's WsStreamClient, or the CatchUpRing while none can take it
 * output:  response.output_audio.delta -> decode -> InjectWriter -> InjectBuffer -> caller
 *          or, in the TTS style, response.output_text.delta -> TextSink (stream.ai.tts) -> InjectBuffer
 * turns:   speech_started / speech_stopped / response.* -> AiState -> mod_audio_stream::ai_* events
 * </pre>
 *
 * <p><b>Sessions.</b> One Realtime session is active at a time. A recoverable close (1001, 1006, 1011, 1012 …)
 * reconnects with jittered back-off behind the endpoint's breaker; the new session is seeded with the
 * conversation so far as text items, and the caller audio kept meanwhile is sent first (catch-up). Before
 * OpenAI's 60 minute cap a standby session is opened and replaces the active one at a turn boundary.
 *
 * <p><b>Barge-in</b> (voice_ai_anchors §1.7). When the caller starts speaking over the agent, the inject buffer
 * is cleared at once (the next tick plays silence), the response is cancelled unless the server does it itself,
 * and the assistant item is truncated to the audio actually played, never past what was received. With the
 * optional local detector the shard holds the agent's audio as soon as it hears the caller speak; the server's
 * {@code speech_started} then makes it a barge-in truncated at the hold, and without one in time the audio goes on
 * where it stopped (counted as unconfirmed).
 *
 * <p>Threads: {@link #onCapturedFrame}, {@link #framesDropped} and the {@link InjectListener} callbacks run
 * on the session's clock shard; everything else runs on one event loop that all of this session's Realtime
 * clients are pinned to, so the engine's state needs no locks and the inject buffer has one producer.
 * {@link #close}, {@link #sendUserText}, {@link #functionResult} and {@link #aiHealth} may be called from any
 * thread: they hand over to the loop.
 */
public final class RealtimeEngine implements StreamTarget, InjectListener {

    private static final Log LOG = Log.of(Component.AI_ENGINE);
    private static final Log OPENAI = Log.of(Component.OPENAI);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_INBOUND_MESSAGE_BYTES = 4 << 20;
    private static final int CONVERSATION_CHARS = 16_000;
    private static final int REMEMBERED_CANCELLED_RESPONSES = 16;
    private static final int MAX_PENDING_FUNCTION_CALLS = 64;
    private static final String END_MARK = "ai-end:";
    private static final String BARGE_IN_MARK = "ai-barge-in:";
    private static final Duration SEND_QUEUE_AUDIO = Duration.ofSeconds(2);
    /** Agent audio that may wait beyond the inject buffer (a long answer arrives in a few seconds). */
    private static final int MAX_PENDING_PLAYOUT_MS = 120_000;
    private static final long TOP_UP_PERIOD_MS = 20;
    /** With audio output the model speaks itself and no text reaches a sink. */
    private static final TextSink SPOKEN_BY_THE_MODEL = new TextSink() {
        @Override
        public void onTextDelta(String responseId, String delta) { }

        @Override
        public void onResponseDone(String responseId) { }

        @Override
        public void onInterrupted(String responseId) { }

        @Override
        public void close() { }
    };

    private final MediaSession session;
    private final String uuid;
    private final EventBus events;
    private final AiOptions options;
    private final AiResources resources;
    private final EventLoop loop;
    private final InjectBuffer inject;
    private final PlayoutFeeder playout;
    private final TextSink textSink;
    private final WsClientConfig clientConfig;
    private final RateLimitedLog serverErrorLog = new RateLimitedLog(5, TimeUnit.SECONDS);
    private final RateLimitedLog playoutDropLog = new RateLimitedLog(5, TimeUnit.SECONDS);

    // clock shard
    private final AppendChunker chunker;
    private final CatchUpRing ring;

    // written on the loop (or the shard, lastAudioNanos), read by the shard and health
    private volatile WsStreamClient audioClient;
    private volatile long lastAudioNanos;
    /** Arrival of the first delta of a response that starts a talk spurt, until that spurt plays; 0 if none. */
    private volatile long firstAudioArrivalNanos;
    private volatile AiState state = AiState.IDLE;
    private volatile boolean connected;
    private volatile boolean stalled;
    private volatile long bargeIns;
    private volatile long localBargeIns;
    private volatile long localBargeInsUnconfirmed;
    /** Shard-confined; null when the local barge-in detector is off. */
    private final LocalSpeechDetector localDetector;
    /** When the local detector held the agent's audio, 0 while it does not (event loop). */
    private long localHoldNanos;
    private ScheduledFuture<?> localConfirmTask;
    private volatile int reconnectAttempts;
    private final Set<String> pendingFunctionCalls = ConcurrentHashMap.newKeySet();

    // event loop
    private final Conversation conversation = new Conversation(CONVERSATION_CHARS);
    private final Set<String> cancelledResponses = new LinkedHashSet<>();
    private final Map<Integer, BargeIn> bargeInsAwaitingSilence = new ConcurrentHashMap<>();
    private final StringBuilder responseText = new StringBuilder();
    private Link active;
    private Link standby;
    private String responseId;
    private boolean expectResponse;
    private String audioItemId;
    private long itemReceivedBytes;
    private String endMarkDeferred;
    private String lastPlayingResponse;
    private boolean callerSpeaking;
    private boolean recycleDue;
    private long lastServerEventNanos;
    private long expectSinceNanos;
    private int bargeInSeq;
    private String lastErrorCode;
    private String lastErrorMessage;
    private boolean stopping;
    private boolean temperatureWarned;
    private short[] decoded = new short[0];
    private ScheduledFuture<?> watchdogTask;
    private ScheduledFuture<?> recycleTask;
    private ScheduledFuture<?> topUpTask;

    /** What a barge-in measured, reported once the caller hears silence. */
    /** @param heardLocallyNanos when the local detector silenced the agent, 0 if it did not */
    private record BargeIn(long arrivalNanos, long playedMs, long receivedMs, String responseId, String itemId,
                           AiState previous, long heardLocallyNanos) {}

    RealtimeEngine(MediaSession session, AiOptions options, AiResources resources, EventBus events, TextSink textSink) {
        this.session = session;
        this.uuid = session.uuid();
        this.events = events;
        this.options = options;
        this.resources = resources;
        this.loop = resources.ws().group().next();
        this.inject = session.injectBuffer();
        AiOptions.LocalBargeIn local = options.localBargeIn();
        this.localDetector = local.enabled() ? new LocalSpeechDetector(local.thresholdDbfs(), local.minSpeechMs()) : null;
        this.playout = new PlayoutFeeder(inject, options.format().sampleRate(), MAX_PENDING_PLAYOUT_MS);
        this.textSink = textSink;
        int frameSamples = options.format().sampleRate() / 50;
        this.chunker = new AppendChunker(options.format(), options.appendMs(), frameSamples + 2);
        this.ring = new CatchUpRing(options.catchUpMs(), chunker.chunkMs(), chunker.messageLength());
        this.clientConfig = clientConfig(options, uuid, chunker);
    }

    /**
     * Attaches AI mode to {@code session} and starts connecting. Caller audio is kept until the Realtime session
     * has confirmed its configuration, then sent.
     *
     * @throws IllegalStateException if the session is already streaming
     * @throws IllegalArgumentException if the Realtime URL is not a WebSocket URL
     */
    public static RealtimeEngine start(MediaSession session, AiOptions options, AiResources resources, EventBus events) {
        if (!options.audioOutput()) {
            throw new IllegalArgumentException("AUDIO_STREAM_AI_TTS_PROVIDER: the model answers in text here; "
                    + "start with the sentence-TTS sink");
        }
        return start(session, options, resources, events, SPOKEN_BY_THE_MODEL);
    }

    /** Starts with {@code textSink} speaking the answers when the model answers in text (the TTS style). */
    public static RealtimeEngine start(MediaSession session, AiOptions options, AiResources resources, EventBus events,
                                       TextSink textSink) {
        RealtimeEngine engine = new RealtimeEngine(session, options, resources, events, textSink);
        textSink.attach(engine.new SinkHost());
        session.startStreaming(StreamMode.AI, MixMode.MONO, options.format().sampleRate(), engine, engine,
                options.playoutPrebufferMs());
        resources.counters().sessionsStarted.incrementAndGet();
        LOG.notice(engine.uuid, "ai_start", "ok", "model", options.model(), "format", options.format().wireType(),
                "voice", options.voice(), "output", options.audioOutput() ? "audio" : "text",
                "turn_detection", options.turnDetection(), "append_ms", engine.chunker.chunkMs());
        engine.execute(engine::begin);
        return engine;
    }

    private static WsClientConfig clientConfig(AiOptions o, String uuid, AppendChunker chunker) {
        String separator = o.url().contains("?") ? "&" : "?";
        WsUrl url = WsUrl.parse(o.url() + separator + "model=" + URLEncoder.encode(o.model(), StandardCharsets.UTF_8));
        int queued = (int) Math.max(4, SEND_QUEUE_AUDIO.toMillis() / chunker.chunkMs());
        return WsClientConfig.builder(url)
                .sessionUuid(uuid)
                .extraHeaders(Map.of("Authorization", "Bearer " + o.apiKey().reveal()))
                .deflate(false)
                .heartbeatInterval(Duration.ofSeconds(20))
                .pongTimeout(Duration.ofSeconds(20))
                .connectTimeout(o.connectTimeout())
                .reconnectMax(o.reconnectMax())
                .reconnectAfterClose(RealtimeCloseCodes::recoverable)
                .retryThroughOpenBreaker(true)
                .sendQueueFrames(queued)
                .maxFrameBytes(chunker.messageLength())
                .socketSendBufferBytes(Math.max(16 * 1024, queued * chunker.messageLength()))
                .maxInboundMessageBytes(MAX_INBOUND_MESSAGE_BYTES)
                .build();
    }

    // ------------------------------------------------------------------ control (any thread)

    /** {@code send_text} in AI mode: a typed user message, answered by the agent. False if not connected. */
    public boolean sendUserText(String text) {
        if (!connected) {
            return false;
        }
        execute(() -> {
            if (active == null || !active.confirmed) {
                LOG.warn(uuid, "send_text", "dropped", "reason", "Realtime session not connected");
                return;
            }
            conversation.add(true, text);
            active.client.sendText(RealtimeClientEvents.userText(text));
            requestResponse("send_text");
        });
        return true;
    }

    /**
     * {@code ai_function_result}: hands the result of tool call {@code callId} to the model and lets it go on.
     *
     * @return false if no such call is waiting for a result
     */
    public boolean functionResult(String callId, String output) {
        if (!pendingFunctionCalls.remove(callId)) {
            return false;
        }
        execute(() -> {
            if (active == null || !active.confirmed) {
                LOG.warn(uuid, "function_result", "dropped", "call_id", callId, "reason", "Realtime session not connected");
                return;
            }
            active.client.sendText(RealtimeClientEvents.functionCallOutput(callId, output));
            requestResponse("function_result");
        });
        return true;
    }

    @Override
    public void close(String finalText) {
        execute(this::shutdown);
    }

    @Override
    public Optional<AiHealth> aiHealth() {
        TtsHealth tts = textSink.health();
        return Optional.of(new AiHealth(connected, tts == null ? 0 : tts.queueDepth(), ring.bufferedMs(), bargeIns,
                localBargeIns, localBargeInsUnconfirmed, reconnectAttempts, tts == null ? 0.0 : tts.cacheHitPct(),
                state.name(), stalled, tts));
    }

    /** The conversation state now (a snapshot). */
    public AiState state() {
        return state;
    }

    // ------------------------------------------------------------------ capture (clock shard)

    @Override
    public void onCapturedFrame(short[] pcm, int samples, long nowNanos) {
        if (localDetector != null && localDetector.onFrame(pcm, samples) && inject.inUseSamples() > 0 && !inject.held()) {
            inject.hold(true);   // silent from the next tick; the loop decides whether the server confirms it
            execute(() -> onLocalSpeech(nowNanos));
        }
        if (!chunker.add(pcm, samples)) {
            return;
        }
        lastAudioNanos = nowNanos;
        WsStreamClient client = audioClient;
        if (client != null) {
            while (!ring.isEmpty() && client.offerAudio(ring.oldest(), 0, chunker.messageLength())) {
                ring.removeOldest();
            }
            if (ring.isEmpty() && client.offerAudio(chunker.message(), 0, chunker.messageLength())) {
                return;
            }
        }
        long droppedBefore = ring.droppedMessages();
        ring.add(chunker.message());
        if (ring.droppedMessages() != droppedBefore) {
            resources.counters().catchUpDroppedMs.addAndGet(chunker.chunkMs());
        }
    }

    @Override
    public long framesDropped() {
        return ring.droppedMessages() * chunker.chunkMs() / 20;
    }

    // ------------------------------------------------------------------ playout reports (clock shard)

    @Override
    public void onMarkPlayed(String name) {
        onMarkReached(name);
    }

    @Override
    public void onMarkCleared(String name) {
        onMarkReached(name);
    }

    private void onMarkReached(String name) {
        long now = System.nanoTime();
        if (name.startsWith(END_MARK)) {
            String id = name.substring(END_MARK.length());
            execute(() -> playbackFinished(id));
        } else if (name.startsWith(BARGE_IN_MARK)) {
            BargeIn b = bargeInsAwaitingSilence.remove(Integer.parseInt(name.substring(BARGE_IN_MARK.length())));
            if (b != null) {
                execute(() -> reportBargeIn(b, now));
            }
        }
    }

    @Override
    public void onPlayoutStarted() {
        long arrival = firstAudioArrivalNanos;
        if (arrival != 0) {
            firstAudioArrivalNanos = 0;
            resources.counters().recordFirstAudioDelay(System.nanoTime() - arrival);
        }
    }

    @Override
    public void onBacklogReset(int overflowsInWindow, long windowNanos, long droppedSamples) {
        LOG.warn(uuid, "buffer_overflow", "backlog_reset", "overflows", overflowsInWindow, "dropped_samples", droppedSamples);
    }

    // ------------------------------------------------------------------ event loop

    private void begin() {
        if (stopping) {
            return;
        }
        if (options.temperatureConfigured() && !options.betaCompat()) {
            temperatureWarned = true;
            LOG.warn(uuid, "temperature", "ignored", "reason", "the GA Realtime API has no temperature and drops a "
                    + "session.update that carries one", "hint", "set AUDIO_STREAM_AI_BETA_COMPAT=true for a server that takes it");
        }
        transition(AiState.CONNECTING, "start");
        active = openLink(false);
        long now = System.nanoTime();
        lastServerEventNanos = now;
        lastAudioNanos = now;
        long period = Math.max(200, Math.min(1000, options.watchdog().toMillis() / 4));
        watchdogTask = loop.scheduleAtFixedRate(this::checkWatchdog, period, period, TimeUnit.MILLISECONDS);
    }

    private Link openLink(boolean isStandby) {
        Link link = new Link(isStandby);
        link.client.connect();
        return link;
    }

    private void shutdown() {
        if (stopping) {
            return;
        }
        stopping = true;
        audioClient = null;
        connected = false;
        cancel(watchdogTask);
        cancel(recycleTask);
        cancel(topUpTask);
        cancel(localConfirmTask);
        playout.clearPending();
        if (active != null) {
            active.client.stop(null);
        }
        if (standby != null) {
            standby.client.stop(null);
        }
        textSink.close();
        transition(AiState.SHUTDOWN, "stop");
        LOG.notice(uuid, "ai_stop", "ok", "barge_ins", bargeIns, "reconnects", reconnectAttempts,
                "conversation_turns", conversation.size());
    }

    private void transition(AiState next, String event, Object... details) {
        AiState previous = state;
        state = next;
        events.publish(Event.json(AiEventBodies.STATE, uuid, AiEventBodies.state(next, previous, event, details)));
        if (previous != next) {
            LOG.info(uuid, "ai_state", next.name().toLowerCase(), "previous", previous.name(), "event", event);
        }
    }

    /** The engine as its text sink sees it; every method runs on the loop. */
    private final class SinkHost implements TextSink.Host {

        @Override
        public EventLoop loop() {
            return loop;
        }

        @Override
        public void queued(long arrivalNanos) {
            resources.counters().recordFirstAudioQueued(System.nanoTime() - arrivalNanos);
        }

        @Override
        public void speaking(String rid, long arrivalNanos) {
            if (stopping || cancelledResponses.contains(rid)) {
                return;
            }
            if (!rid.equals(lastPlayingResponse) && inject.inUseSamples() == 0) {
                firstAudioArrivalNanos = arrivalNanos;   // measured when this audio starts to play
            }
            lastPlayingResponse = rid;
            if (state != AiState.SPEAKING) {
                transition(AiState.SPEAKING, "first_audio", "response_id", rid);
            }
        }

        @Override
        public void finished(String rid) {
            if (stopping || responseId != null || cancelledResponses.contains(rid)) {
                return;
            }
            if (state == AiState.SPEAKING && rid.equals(lastPlayingResponse)) {
                placeEndMark(rid);
            } else if (state == AiState.PROCESSING || state == AiState.SPEAKING) {
                transition(AiState.LISTENING, "response_done", "response_id", rid);
                maybeRecycle();
            }
        }

        @Override
        public void event(String event, Object... details) {
            if (!stopping) {
                transition(state, event, details);
            }
        }
    }

    /** One Realtime session: its client and what it confirmed. */
    private final class Link implements WsStreamListener {
        final WsStreamClient client;
        /** Opened to replace the active session at the next turn boundary; false once promoted. */
        boolean isStandby;
        boolean confirmed;
        String sessionId;

        Link(boolean isStandby) {
            this.isStandby = isStandby;
            this.client = new WsStreamClient(clientConfig, resources.ws(), this, RealtimeWire.INSTANCE, loop);
        }

        boolean current() {
            return this == active || this == standby;
        }

        @Override
        public void onConnected() {
            if (!current() || stopping) {
                return;
            }
            confirmed = false;
            client.sendText(RealtimeClientEvents.sessionUpdate(options));
            if (!isStandby) {
                connected = true;
                for (String item : conversation.seedEvents()) {
                    client.sendText(item);
                }
            }
            OPENAI.info(uuid, "connect", "ok", "url", client.url(), "standby", isStandby, "seeded_turns",
                    isStandby ? 0 : conversation.size());
        }

        @Override
        public void onText(String text) {
            if (current() && !stopping) {
                onServerEvent(this, text, System.nanoTime());
            }
        }

        @Override
        public void onBinary(ByteBuf data) {
            OPENAI.warn(uuid, "binary_message", "ignored", "bytes", data.readableBytes());
        }

        @Override
        public void onDisconnected(int code, String reason) {
            if (!current()) {
                return;
            }
            confirmed = false;
            if (this == active) {
                audioClient = null;
                connected = false;
                responseInterrupted();
            }
            if (stopping) {
                OPENAI.info(uuid, "disconnect", "stopped", "code", code, "reason", reason, "standby", isStandby);
            } else {
                OPENAI.warn(uuid, "disconnect", "lost", "code", code, "reason", reason, "standby", isStandby);
            }
            if (!stopping && this == active && lastErrorCode == null) {
                lastErrorCode = String.valueOf(code);
                lastErrorMessage = reason;
            }
        }

        @Override
        public void onError(int code, String error) {
            if (!current() || stopping) {
                return;
            }
            OPENAI.error(uuid, "connection", "gave_up", "code", code, "error", error, "standby", isStandby);
            if (lastErrorCode == null) {
                lastErrorCode = String.valueOf(code);
                lastErrorMessage = error;
            }
        }

        @Override
        public void onAttemptFailed(int code, String error) {
            if (!current() || stopping) {
                return;
            }
            if (this == active) {
                boolean breakerOpen = code == WsErrorCode.CIRCUIT_OPEN.code();
                transition(state, breakerOpen ? "breaker_open" : "connection_error", "code", code, "message", error);
                if (lastErrorCode == null || breakerOpen) {
                    lastErrorCode = String.valueOf(code);
                    lastErrorMessage = error;
                }
            }
        }

        @Override
        public void onReconnecting(int attempt, long delayMs) {
            if (this != active || stopping) {
                return;
            }
            reconnectAttempts++;
            resources.counters().reconnects.incrementAndGet();
            transition(AiState.RECONNECTING, "reconnecting", "attempt", attempt, "delay_ms", delayMs,
                    "code", lastErrorCode, "message", lastErrorMessage);
        }

        @Override
        public void onClosed() {
            if (stopping) {
                return;
            }
            if (this == standby) {
                standby = null;
                OPENAI.warn(uuid, "recycle", "standby_failed", "reason", lastErrorMessage);
                scheduleRecycle(Duration.ofSeconds(30));
            } else if (this == active) {
                fail(lastErrorCode, lastErrorMessage);
            }
        }
    }

    private void onServerEvent(Link link, String text, long arrivalNanos) {
        lastServerEventNanos = arrivalNanos;
        JsonNode msg;
        try {
            msg = JSON.readTree(text);
        } catch (JacksonException e) {
            OPENAI.warn(uuid, "server_event", "unparseable", "error", e.getOriginalMessage());
            return;
        }
        String type = RealtimeServerEventNames.canonical(msg.path("type").asString(""), options.betaCompat());
        if (options.debug() && LOG.isDebugEnabled()) {
            OPENAI.debug(uuid, "server_event", "received", "type", type, "bytes", text.length());
        }
        if (link.isStandby) {
            onStandbyEvent(link, type, msg);
            return;
        }
        switch (type) {
            case "session.created" -> link.sessionId = msg.path("session").path("id").asString(null);
            case "session.updated" -> onSessionUpdated(link, msg.path("session"));
            case "error" -> onServerError(link, msg.path("error"));
            case "input_audio_buffer.speech_started" -> onSpeechStarted(arrivalNanos, msg);
            case "input_audio_buffer.speech_stopped" -> onSpeechStopped(msg);
            case "input_audio_buffer.timeout_triggered" -> transition(state, "input_timeout");
            case "conversation.item.input_audio_transcription.delta" -> events.publish(Event.json(AiEventBodies.TRANSCRIPT,
                    uuid, AiEventBodies.transcript("user", msg.path("delta").asString(""), false, msg.path("item_id").asString(""))));
            case "conversation.item.input_audio_transcription.completed" -> onUserTranscript(msg);
            case "conversation.item.input_audio_transcription.failed" -> OPENAI.warn(uuid, "transcription", "failed",
                    "error", msg.path("error").path("message").asString(""));
            case "response.created" -> onResponseCreated(msg.path("response"));
            case "response.output_audio.delta" -> onAudioDelta(msg, arrivalNanos);
            case "response.output_audio_transcript.delta" -> onTextDelta(msg, false);
            case "response.output_text.delta" -> onTextDelta(msg, true);
            case "response.output_audio_transcript.done", "response.output_text.done" -> onTextDone(msg);
            case "response.function_call_arguments.done" -> onFunctionCall(msg);
            case "response.done" -> onResponseDone(msg.path("response"));
            case "conversation.item.truncated" -> LOG.info(uuid, "truncate", "ok", "item_id",
                    msg.path("item_id").asString(""), "audio_end_ms", msg.path("audio_end_ms").asLong());
            default -> { } // rate_limits.updated, item and content-part bookkeeping: nothing to do
        }
    }

    private void onSessionUpdated(Link link, JsonNode s) {
        String mismatch = formatMismatch(s);
        if (mismatch != null) {
            fatal("format_mismatch", "the Realtime session did not take the audio format: " + mismatch);
            return;
        }
        boolean first = !link.confirmed;
        link.confirmed = true;
        if (!first) {
            return;
        }
        audioClient = link.client;
        String event = reconnectAttempts > 0 && state == AiState.RECONNECTING ? "reconnected" : "connected";
        transition(AiState.LISTENING, event, "session_id", link.sessionId, "catchup_ms", ring.bufferedMs(),
                "format", options.format().wireType());
        lastErrorCode = null;
        lastErrorMessage = null;
        scheduleRecycle(options.recycleAfter());
    }

    /** What differs between the formats we asked for and those the server confirmed, or null. */
    private String formatMismatch(JsonNode s) {
        JsonNode audio = s.path("audio");
        if (audio.isMissingNode() && options.betaCompat()) {
            return null; // a beta-shaped echo has no audio object
        }
        String in = audio.path("input").path("format").path("type").asString("");
        String out = audio.path("output").path("format").path("type").asString("");
        String want = options.format().wireType();
        if (!in.equals(want) || (options.audioOutput() && !out.equals(want))) {
            return "asked for " + want + " both ways, server has input=" + in + " output=" + out;
        }
        return null;
    }

    private void onServerError(Link link, JsonNode error) {
        String code = error.path("code").isNull() ? null : error.path("code").asString(null);
        String message = error.path("message").asString("");
        String type = error.path("type").asString("");
        resources.counters().serverErrors.incrementAndGet();
        if ("response_cancel_not_active".equals(code)) {
            LOG.debug(uuid, "response_cancel", "not_active", "message", message);
            return;
        }
        if (!link.confirmed && RealtimeErrorCodes.rejectsSessionUpdate(code)) {
            fatal(code, "session.update rejected: " + message);
            return;
        }
        lastErrorCode = code == null ? type : code;
        lastErrorMessage = message;
        long suppressed = serverErrorLog.tryAcquire(System.nanoTime());
        if (suppressed >= 0) {
            OPENAI.warn(uuid, "server_error", "received", "type", type, "code", code, "message", message,
                    "suppressed", suppressed);
        }
        transition(state, "error", "code", code, "type", type, "message", message);
    }

    private void onSpeechStarted(long arrivalNanos, JsonNode msg) {
        callerSpeaking = true;
        boolean agentAudible = state == AiState.SPEAKING || inject.inUseSamples() > 0 || playout.hasPending()
                || textSink.busy();
        if (options.bargeIn() && (agentAudible || responseId != null)) {
            bargeIn(arrivalNanos);
        } else {
            transition(state, "speech_started", "audio_start_ms", msg.path("audio_start_ms").asLong());
        }
    }

    private void onSpeechStopped(JsonNode msg) {
        callerSpeaking = false;
        if (options.serverTurns()) {
            expectResponse = true;
            expectSinceNanos = System.nanoTime();
            transition(AiState.PROCESSING, "speech_stopped", "audio_end_ms", msg.path("audio_end_ms").asLong());
        }
        maybeRecycle();
    }

    private void onUserTranscript(JsonNode msg) {
        String transcript = msg.path("transcript").asString("");
        conversation.add(true, transcript);
        events.publish(Event.json(AiEventBodies.TRANSCRIPT, uuid,
                AiEventBodies.transcript("user", transcript, true, msg.path("item_id").asString(""))));
    }

    private void onResponseCreated(JsonNode response) {
        responseId = response.path("id").asString(null);
        responseText.setLength(0);
        audioItemId = null;
        if (state == AiState.LISTENING) {
            transition(AiState.PROCESSING, "response_created", "response_id", responseId);
        }
    }

    private void onAudioDelta(JsonNode msg, long arrivalNanos) {
        String rid = msg.path("response_id").asString("");
        if (cancelledResponses.contains(rid)) {
            return; // late audio of a response the caller interrupted
        }
        byte[] audio = Base64.getDecoder().decode(msg.path("delta").asString(""));
        String itemId = msg.path("item_id").asString("");
        if (!itemId.equals(audioItemId)) {
            audioItemId = itemId;
            itemReceivedBytes = 0;
        }
        itemReceivedBytes += audio.length;
        int samples = audio.length / options.format().bytesPerSample();
        if (decoded.length < samples) {
            decoded = new short[samples];
        }
        options.format().decode(audio, audio.length, decoded);
        boolean firstOfResponse = !rid.equals(lastPlayingResponse);
        if (firstOfResponse && inject.inUseSamples() == 0 && !playout.hasPending()) {
            firstAudioArrivalNanos = arrivalNanos;   // measured when this audio starts to play
        }
        if (playout.write(itemId, decoded, samples)) {
            if (firstOfResponse) {
                resources.counters().recordFirstAudioQueued(System.nanoTime() - arrivalNanos);
            }
        } else {
            long suppressed = playoutDropLog.tryAcquire(System.nanoTime());
            if (suppressed >= 0) {
                LOG.warn(uuid, "agent_audio", "dropped", "response_id", rid, "samples", samples,
                        "reason", "answer longer than " + MAX_PENDING_PLAYOUT_MS / 1000 + " s beyond the inject buffer",
                        "suppressed", suppressed);
            }
        }
        if (playout.hasPending() && topUpTask == null) {
            topUpTask = loop.scheduleAtFixedRate(this::topUpPlayout, TOP_UP_PERIOD_MS, TOP_UP_PERIOD_MS, TimeUnit.MILLISECONDS);
        }
        lastPlayingResponse = rid;
        if (state != AiState.SPEAKING) {
            transition(AiState.SPEAKING, "first_audio", "response_id", rid, "item_id", itemId);
        }
    }

    private void onTextDelta(JsonNode msg, boolean textOutput) {
        String rid = msg.path("response_id").asString("");
        if (cancelledResponses.contains(rid)) {
            return;
        }
        String delta = msg.path("delta").asString("");
        responseText.append(delta);
        if (textOutput) {
            textSink.onTextDelta(rid, delta);
        }
    }

    private void onTextDone(JsonNode msg) {
        String rid = msg.path("response_id").asString("");
        String text = msg.has("transcript") ? msg.path("transcript").asString("") : msg.path("text").asString("");
        if (!cancelledResponses.contains(rid)) {
            events.publish(Event.json(AiEventBodies.TRANSCRIPT, uuid,
                    AiEventBodies.transcript("assistant", text, true, msg.path("item_id").asString(""))));
        }
    }

    private void onFunctionCall(JsonNode msg) {
        String callId = msg.path("call_id").asString("");
        String name = msg.path("name").asString("");
        String arguments = msg.path("arguments").asString("");
        if (pendingFunctionCalls.size() >= MAX_PENDING_FUNCTION_CALLS) {
            LOG.warn(uuid, "function_call", "refused", "call_id", callId, "name", name,
                    "reason", "too many calls waiting for ai_function_result");
            return;
        }
        pendingFunctionCalls.add(callId);
        LOG.info(uuid, "function_call", "requested", "call_id", callId, "name", name);
        events.publish(Event.json(AiEventBodies.ACTION, uuid, AiEventBodies.action(callId, name, arguments)));
    }

    private void onResponseDone(JsonNode response) {
        String rid = response.path("id").asString("");
        String status = response.path("status").asString("");
        String reason = response.path("status_details").path("reason").asString(null);
        boolean interrupted = cancelledResponses.contains(rid);
        String text = responseText.toString();
        if (rid.equals(responseId)) {
            responseId = null;
        }
        expectResponse = false;
        responseText.setLength(0);
        resources.counters().responses.incrementAndGet();
        conversation.add(false, interrupted && !text.isEmpty() ? text + " …" : text);
        events.publish(Event.json(AiEventBodies.RESPONSE, uuid,
                AiEventBodies.response(rid, status, reason, text, response.path("usage"))));
        if (!options.audioOutput()) {
            if (interrupted) {
                textSink.onInterrupted(rid);
            } else {
                textSink.onResponseDone(rid);
                if (textSink.busy()) {
                    return; // SinkHost.finished follows once the last sentence is in the inject buffer
                }
            }
        }
        if (interrupted || state != AiState.SPEAKING && state != AiState.PROCESSING) {
            maybeRecycle();
            return;
        }
        if (state == AiState.SPEAKING && rid.equals(lastPlayingResponse)) {
            if (playout.hasPending()) {
                endMarkDeferred = rid; // placed once the rest of the answer is in the inject buffer
            } else {
                placeEndMark(rid);
            }
        } else {
            transition(AiState.LISTENING, "response_done", "response_id", rid, "status", status);
            maybeRecycle();
        }
    }

    /** LISTENING once the caller has heard all of response {@code rid}. */
    private void placeEndMark(String rid) {
        try {
            inject.mark(END_MARK + rid);
        } catch (IllegalStateException tooManyMarks) {
            transition(AiState.LISTENING, "response_done", "response_id", rid);
        }
    }

    private void topUpPlayout() {
        if (playout.topUp()) {
            return;
        }
        cancel(topUpTask);
        topUpTask = null;
        if (endMarkDeferred != null) {
            String rid = endMarkDeferred;
            endMarkDeferred = null;
            placeEndMark(rid);
        }
    }

    private void playbackFinished(String rid) {
        if (state == AiState.SPEAKING && rid.equals(lastPlayingResponse) && responseId == null) {
            transition(AiState.LISTENING, "playback_done", "response_id", rid);
            maybeRecycle();
        }
    }

    /**
     * The caller talks over the agent: silence first (the next tick plays nothing), then tell the server what
     * was heard. The {@code barge_in} event follows once the shard has played the first silent frame.
     */
    private void bargeIn(long arrivalNanos) {
        firstAudioArrivalNanos = 0;
        long heardLocallyNanos = localHoldNanos;
        localHoldNanos = 0;
        cancel(localConfirmTask);
        localConfirmTask = null;
        long playhead = inject.clearAtPlayhead();
        inject.hold(false);
        playout.clearPending();
        cancel(topUpTask);
        topUpTask = null;
        endMarkDeferred = null;
        int seq = ++bargeInSeq;
        String rid = responseId != null ? responseId : lastPlayingResponse;
        long receivedMs = itemReceivedBytes / options.format().bytesPerMs();
        long playedMs = 0;
        long itemStart = playout.itemStart(audioItemId);
        if (itemStart >= 0) {
            playedMs = Math.min(receivedMs, Math.max(0, playhead - itemStart) * 1000 / inject.sampleRate());
        }
        AiState previous = state;
        BargeIn b = new BargeIn(arrivalNanos, playedMs, receivedMs, rid, audioItemId, previous, heardLocallyNanos);
        if (heardLocallyNanos != 0) {
            reportBargeIn(b, arrivalNanos);   // the caller has not heard the agent since the local detector fired
        } else {
            bargeInsAwaitingSilence.put(seq, b);
            try {
                inject.mark(BARGE_IN_MARK + seq);
            } catch (IllegalStateException tooManyMarks) {
                bargeInsAwaitingSilence.remove(seq);
                reportBargeIn(b, System.nanoTime());
            }
        }
        if (rid != null) {
            rememberCancelled(rid);
            if (responseId != null && !options.serverTurns()) {
                active.client.sendText(RealtimeClientEvents.responseCancel(responseId));
            }
        }
        if (audioItemId != null) {
            active.client.sendText(RealtimeClientEvents.truncate(audioItemId, playedMs));
        }
        if (!options.audioOutput()) {
            textSink.onInterrupted(rid);
        }
        responseId = null;
        expectResponse = false;
        audioItemId = null;
        bargeIns++;
        resources.counters().bargeIns.incrementAndGet();
        state = AiState.LISTENING; // published with the measurements in reportBargeIn
    }

    private void reportBargeIn(BargeIn b, long silentAtNanos) {
        double silenceMs = millis(silentAtNanos - b.arrivalNanos());
        boolean local = b.heardLocallyNanos() != 0;
        double localLeadMs = local ? millis(b.arrivalNanos() - b.heardLocallyNanos()) : 0;
        LOG.info(uuid, "barge_in", "ok", "silence_ms", silenceMs, "played_ms", b.playedMs(), "received_ms",
                b.receivedMs(), "response_id", b.responseId(), "local", local, "local_lead_ms", localLeadMs);
        AiState now = state;
        events.publish(Event.json(AiEventBodies.STATE, uuid, AiEventBodies.state(now, b.previous(), "barge_in",
                "silence_ms", silenceMs, "played_ms", b.playedMs(), "received_ms", b.receivedMs(),
                "response_id", b.responseId(), "item_id", b.itemId(), "local", local, "local_lead_ms", localLeadMs)));
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    /**
     * The local detector heard the caller over the agent and the shard already holds the agent's audio: wait for
     * the server's {@code speech_started} to make it a barge-in, or resume where the audio stopped.
     */
    private void onLocalSpeech(long heardNanos) {
        if (stopping || !inject.held() || localHoldNanos != 0) {
            return;
        }
        localHoldNanos = heardNanos;
        localBargeIns++;
        resources.counters().localBargeIns.incrementAndGet();
        long confirmMs = options.localBargeIn().confirm().toMillis();
        localConfirmTask = loop.schedule(this::onLocalBargeInUnconfirmed, confirmMs, TimeUnit.MILLISECONDS);
        transition(state, "local_barge_in", "confirm_within_ms", confirmMs);
    }

    private void onLocalBargeInUnconfirmed() {
        localConfirmTask = null;
        if (localHoldNanos == 0) {
            return;
        }
        double heldMs = millis(System.nanoTime() - localHoldNanos);
        localHoldNanos = 0;
        inject.hold(false);
        localBargeInsUnconfirmed++;
        resources.counters().localBargeInsUnconfirmed.incrementAndGet();
        LOG.info(uuid, "local_barge_in", "unconfirmed", "held_ms", heldMs);
        transition(state, "local_barge_in_released", "held_ms", heldMs);
    }

    private void rememberCancelled(String rid) {
        cancelledResponses.add(rid);
        if (cancelledResponses.size() > REMEMBERED_CANCELLED_RESPONSES) {
            cancelledResponses.remove(cancelledResponses.iterator().next());
        }
    }

    private void requestResponse(String why) {
        active.client.sendText(RealtimeClientEvents.responseCreate());
        expectResponse = true;
        expectSinceNanos = System.nanoTime();
        if (state == AiState.LISTENING) {
            transition(AiState.PROCESSING, why);
        }
    }

    /** The connection ended mid-response: nothing more of it will come. */
    private void responseInterrupted() {
        if (responseId != null) {
            rememberCancelled(responseId);
            responseId = null;
        }
        expectResponse = false;
        audioItemId = null;
    }

    private void fatal(String code, String message) {
        lastErrorCode = code;
        lastErrorMessage = message;
        LOG.error(uuid, "ai_session", "rejected", "code", code, "message", message);
        audioClient = null;
        connected = false;
        if (active != null) {
            Link failed = active;
            active = null;
            failed.client.stop(null);
        }
        fail(code, message);
    }

    private void fail(String code, String message) {
        if (state == AiState.FAILED) {
            return;
        }
        audioClient = null;
        connected = false;
        cancel(recycleTask);
        resources.counters().failures.incrementAndGet();
        LOG.error(uuid, "ai_session", "failed", "code", code, "message", message, "reconnects", reconnectAttempts);
        transition(AiState.FAILED, "failed", "code", code, "message", message);
        session.markError();
    }

    // ---- session recycling

    private void scheduleRecycle(Duration after) {
        cancel(recycleTask);
        recycleTask = loop.schedule(() -> {
            recycleDue = true;
            if (standby == null && active != null && active.confirmed && !stopping) {
                OPENAI.info(uuid, "recycle", "opening_standby", "after_s", after.toSeconds());
                standby = openLink(true);
            }
        }, after.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void onStandbyEvent(Link link, String type, JsonNode msg) {
        switch (type) {
            case "session.created" -> link.sessionId = msg.path("session").path("id").asString(null);
            case "session.updated" -> {
                if (formatMismatch(msg.path("session")) == null) {
                    link.confirmed = true;
                    maybeRecycle();
                }
            }
            case "error" -> OPENAI.warn(uuid, "recycle", "standby_error", "code",
                    msg.path("error").path("code").asString(""), "message", msg.path("error").path("message").asString(""));
            default -> { }
        }
    }

    /** Switches to the standby session if one is ready and this is a turn boundary (never mid-response). */
    private void maybeRecycle() {
        if (!recycleDue || standby == null || !standby.confirmed || active == null || stopping) {
            return;
        }
        if (responseId != null || expectResponse || callerSpeaking || state != AiState.LISTENING
                || inject.inUseSamples() > 0 || playout.hasPending() || textSink.busy()) {
            return;
        }
        Link old = active;
        Link next = standby;
        for (String item : conversation.seedEvents()) {
            next.client.sendText(item);
        }
        active = next;
        standby = null;
        recycleDue = false;
        next.isStandby = false;
        audioClient = next.client;
        connected = true;
        old.client.stop(null);
        resources.counters().recycles.incrementAndGet();
        OPENAI.notice(uuid, "recycle", "ok", "old_session", old.sessionId, "new_session", next.sessionId,
                "seeded_turns", conversation.size());
        transition(state, "recycled", "old_session_id", old.sessionId, "session_id", next.sessionId,
                "seeded_turns", conversation.size());
        scheduleRecycle(options.recycleAfter());
    }

    // ---- watchdog (seed §5.2)

    private void checkWatchdog() {
        if (stopping || state == AiState.FAILED) {
            return;
        }
        long now = System.nanoTime();
        long limit = options.watchdog().toNanos();
        long serverIdle = now - lastServerEventNanos;
        long idle = now - Math.max(lastServerEventNanos, lastAudioNanos);
        String reason = null;
        if (expectResponse && now - expectSinceNanos > limit && serverIdle > limit) {
            reason = "no response from the engine";
        } else if (idle > limit && !session.paused()) {
            reason = "no activity";
        }
        if (reason == null && stalled) {
            recoverWatchdog();
        } else if (reason != null && !stalled) {
            stalled = true;
            resources.counters().watchdogStalls.incrementAndGet();
            long idleMs = TimeUnit.NANOSECONDS.toMillis(Math.min(serverIdle, Math.max(idle, 0)));
            LOG.error(uuid, "watchdog", "stalled", "reason", reason, "idle_ms", idleMs, "state", state.name());
            transition(state, "watchdog", "reason", reason, "idle_ms", idleMs);
        }
    }

    private void recoverWatchdog() {
        stalled = false;
        expectSinceNanos = System.nanoTime(); // a response still awaited gets a whole new period
        LOG.notice(uuid, "watchdog", "recovered", "state", state.name());
        transition(state, "watchdog_recovered");
    }

    private void execute(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug(uuid, "task", "rejected", "reason", "event loop shut down");
        }
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }
}
