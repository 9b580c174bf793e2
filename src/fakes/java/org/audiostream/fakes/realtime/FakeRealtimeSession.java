package org.audiostream.fakes.realtime;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One WebSocket connection to the fake: the protocol peer on the server side, and what a test asserts on.
 * Accessors may be called from any thread and return copies; the control methods ({@link #sendRaw},
 * {@link #triggerSpeechStarted}, {@link #close(int, String)}, …) hand their work to the session's event loop.
 *
 * <p>A session is the one for every connection that completed the WebSocket upgrade and was not refused with
 * {@link FakeRealtimeServer#refuseNext}, including those closed at once for a bad key or model: their
 * {@link #closeCodeSent()} says 3000 or 4000.
 *
 * <p>Threads: protocol state is confined to the channel's event loop ({@code on…} methods and everything
 * they call); recorded data is in synchronized {@link Recording}s, scalars are volatile.
 */
public final class FakeRealtimeSession {

    private static final Logger LOG = LoggerFactory.getLogger(FakeRealtimeSession.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DEFAULT_USER_TRANSCRIPT = "Hello?";
    /** How long the fake waits for the client's close reply before it closes the TCP connection itself. */
    static final long CLOSE_GRACE_MS = 1_000;
    /** Responses (and their sent audio) kept for {@link #responses()}, truncation and {@link #sentAudio}. */
    static final int MAX_KEPT_RESPONSES = 256;
    /** Outbound bytes a client may leave unread before the fake drops it. */
    static final long MAX_UNREAD_BYTES = 32L * 1024 * 1024;

    private final FakeRealtimeServer server;
    private final FakeRealtimeConfig config;
    private final Channel channel;
    private final ServerEvents events;
    private final int index;
    private final String model;
    private final String requestUri;
    private final HttpHeaders requestHeaders;

    private final Recording clientLog;
    private final Recording serverLog;
    private final Recording receivedAudio;
    private final Map<String, Recording> sentAudio = new ConcurrentHashMap<>();
    private final List<Truncation> truncations = new ArrayList<>();
    private final List<JsonNode> itemsCreated = new ArrayList<>();
    private final List<ResponseStream> responses = new ArrayList<>();

    // event-loop state
    private EffectiveSession effective;
    private final Conversation conversation = new Conversation();
    private final InputAudioBuffer input;
    private String conversationId;
    private ResponseStream active;
    private boolean audioWasSent;
    private Future<?> pingTask;
    private Future<?> expiryTask;
    private Future<?> idleTask;

    private volatile ObjectNode effectiveSnapshot;
    private volatile boolean closing;
    private volatile boolean closed;
    private volatile int closeCodeSent = -1;
    private volatile int closeCodeReceived = -1;
    private volatile int cancels;

    FakeRealtimeSession(FakeRealtimeServer server, Channel channel, int index, String requestUri, HttpHeaders headers) {
        this.server = server;
        this.config = server.config();
        this.channel = channel;
        this.events = server.events();
        this.index = index;
        this.requestUri = requestUri;
        this.requestHeaders = headers.copy();
        this.model = HandshakeCheck.model(requestUri);
        this.clientLog = new Recording(config.recordLimitBytes());
        this.serverLog = new Recording(config.recordLimitBytes());
        this.receivedAudio = new Recording(config.recordLimitBytes());
        this.input = new InputAudioBuffer(new InputHost(), events, receivedAudio,
                (int) config.vadOnset().toMillis());
    }

    // ------------------------------------------------------------------ public: what a test reads

    /** Position of this session in {@link FakeRealtimeServer#sessions()}. */
    public int index() {
        return index;
    }

    /** The {@code ?model=} of the upgrade request, or null. */
    public String model() {
        return model;
    }

    /** The upgrade request's URI, e.g. {@code /v1/realtime?model=gpt-realtime-2.1}. */
    public String requestUri() {
        return requestUri;
    }

    /** The first value of a header of the upgrade request, or null. */
    public String requestHeader(String name) {
        return requestHeaders.get(name);
    }

    /** Every text frame the client sent, in order (within {@link FakeRealtimeConfig#recordLimitBytes()}). */
    public List<String> clientEvents() {
        return clientLog.entries();
    }

    /** The client's JSON events of one {@code type}, parsed. */
    public List<JsonNode> clientEvents(String type) {
        return ofType(clientLog.entries(), type);
    }

    /** Every event the fake sent, in order. */
    public List<String> serverEvents() {
        return serverLog.entries();
    }

    /** The fake's events of one {@code type}, parsed. */
    public List<JsonNode> serverEvents(String type) {
        return ofType(serverLog.entries(), type);
    }

    /** All audio of {@code input_audio_buffer.append}, base64-decoded, in the input format it arrived in. */
    public byte[] receivedAudio() {
        return receivedAudio.bytes();
    }

    /** Milliseconds of input audio received (8 bytes per ms for G.711, 48 for PCM 24 kHz). */
    public long receivedAudioMs() {
        return Math.round(input.receivedMs());
    }

    /** {@code audio.input.format.type} in force, e.g. {@code "audio/pcmu"}. */
    public String inputFormat() {
        return AudioFormat.of(effectiveSession().path("audio").path("input").path("format")).type();
    }

    /** {@code audio.output.format.type} in force. */
    public String outputFormat() {
        return AudioFormat.of(effectiveSession().path("audio").path("output").path("format")).type();
    }

    /** The session object as the last {@code session.created} / {@code session.updated} showed it (a copy). */
    public JsonNode effectiveSession() {
        ObjectNode s = effectiveSnapshot;
        return s == null ? JSON.createObjectNode() : s.deepCopy();
    }

    public List<Truncation> truncations() {
        synchronized (truncations) {
            return List.copyOf(truncations);
        }
    }

    /** How many {@code response.cancel} events the client sent (answered or not). */
    public int cancels() {
        return cancels;
    }

    /** The items the client added with {@code conversation.item.create}, as the fake stored them (with ids). */
    public List<JsonNode> itemsCreated() {
        synchronized (itemsCreated) {
            return itemsCreated.stream().map(JsonNode::deepCopy).toList();
        }
    }

    /** The responses this session started, oldest first (the newest {@value #MAX_KEPT_RESPONSES}). */
    public List<FakeResponse> responses() {
        List<FakeResponse> out = new ArrayList<>();
        synchronized (responses) {
            responses.forEach(r -> out.add(r.summary()));
        }
        return out;
    }

    /**
     * The exact output audio bytes sent for an assistant item (all its deltas, decoded), or empty; kept for the
     * items of the newest {@value #MAX_KEPT_RESPONSES} responses.
     */
    public byte[] sentAudio(String itemId) {
        Recording r = sentAudio.get(itemId);
        return r == null ? new byte[0] : r.bytes();
    }

    /** Whether the connection is closed (by either side). */
    public boolean closed() {
        return closed;
    }

    /** The close code the fake sent in a close frame, or -1 if it sent none. */
    public int closeCodeSent() {
        return closeCodeSent;
    }

    /** The close code of the client's close frame, or -1 if it sent none. */
    public int closeCodeReceived() {
        return closeCodeReceived;
    }

    // ------------------------------------------------------------------ public: what a test does

    /** Sends {@code json} as a text frame as is (no check, no event id), e.g. a hand-written server event. */
    public void sendRaw(String json) {
        channel.eventLoop().execute(() -> write(json));
    }

    /** Acts as if server VAD detected speech now: {@code speech_started}, and barge-in if a response is on. */
    public void triggerSpeechStarted() {
        channel.eventLoop().execute(() -> {
            if (effective != null) {
                input.speechNow();
            }
        });
    }

    /** Sends a close frame with {@code code} and {@code reason}, then closes the socket. */
    public void close(int code, String reason) {
        channel.eventLoop().execute(() -> closeWith(code, reason));
    }

    /** Closes the socket without a close frame (the client sees 1006). */
    public void drop() {
        channel.eventLoop().execute(() -> {
            closing = true;
            channel.close();
        });
    }

    /** What the service does at the session cap: {@code error} {@code session_expired}, then close 1001. */
    public void expire() {
        channel.eventLoop().execute(this::onExpired);
    }

    // ------------------------------------------------------------------ event loop: lifecycle

    /** The upgrade passed the checks: {@code session.created}, PINGs and the session cap start. */
    void onOpen() {
        String sessionId = events.ids().session();
        conversationId = events.ids().conversation();
        long expiresAt = Instant.now().plus(config.maxSessionDuration()).getEpochSecond();
        effective = new EffectiveSession(sessionId, model, expiresAt);
        configureVad();
        publishEffective();
        emit(events.sessionCreated(effective.snapshot()));
        long ping = config.pingInterval().toNanos();
        pingTask = channel.eventLoop().scheduleAtFixedRate(this::ping, ping, ping, TimeUnit.NANOSECONDS);
        expiryTask = channel.eventLoop().schedule(this::onExpired, config.maxSessionDuration().toNanos(),
                TimeUnit.NANOSECONDS);
    }

    /** The upgrade failed a check: the error event, then at once the close frame with the code and reason. */
    void onRefused(HandshakeCheck.Failure failure) {
        emit(events.error(ProtocolError.INVALID_REQUEST, failure.code(), failure.message(), null));
        closeWith(failure.closeCode(), failure.closeReason());
    }

    void onClosed() {
        closed = true;
        closing = true;
        cancel(pingTask);
        cancel(expiryTask);
        cancel(idleTask);
        if (active != null && active.active()) {
            active.cancel("disconnected"); // stops its timers; nothing reaches the wire any more
        }
    }

    /**
     * The client's close frame: the reply to ours ends the handshake, so the TCP connection goes now; a close
     * the client started is echoed, and then the server closes TCP first (RFC 6455 §7.1.1).
     */
    void onCloseFrame(int code) {
        closeCodeReceived = code;
        if (closing) {
            channel.close();
            return;
        }
        closing = true;
        closeCodeSent = code >= 1000 && code != 1005 && code != 1006 ? code : 1000;
        channel.writeAndFlush(new CloseWebSocketFrame(closeCodeSent, "")).addListener(ChannelFutureListener.CLOSE);
    }

    private void onExpired() {
        if (closing) {
            return;
        }
        emit(events.error(ProtocolError.INVALID_REQUEST, "session_expired",
                "Your session hit the maximum duration of " + minutes() + " minutes.", null));
        closeWith(1001, ProtocolError.INVALID_REQUEST + ".session_expired");
    }

    private String minutes() {
        double m = config.maxSessionDuration().toMillis() / 60_000.0;
        return m == Math.rint(m) ? Long.toString((long) m) : Double.toString(Math.round(m * 1000) / 1000.0);
    }

    // ------------------------------------------------------------------ event loop: client frames

    void onBinary() {
        emit(events.error(new ProtocolError("invalid_event",
                "Expected a text WebSocket message; binary frames are not supported.", null)));
    }

    void onText(String text) {
        clientLog.add(text);
        JsonNode event;
        try {
            event = JSON.readTree(text);
        } catch (JacksonException e) {
            emit(events.error(new ProtocolError("invalid_json", "Invalid event: failed to parse JSON value. "
                    + "Expected a JSON object with a 'type' field.", null)));
            return;
        }
        try {
            dispatch(event);
        } catch (ProtocolError e) {
            emit(events.error(e));
        }
    }

    private void dispatch(JsonNode event) {
        if (!event.isObject()) {
            throw new ProtocolError("invalid_json", "Invalid event: expected a JSON object, but got " + event.getNodeType()
                    .toString().toLowerCase(Locale.ROOT) + ".", null);
        }
        JsonNode typeNode = event.get("type");
        if (typeNode == null || typeNode.isNull()) {
            throw ProtocolError.missingRequired("type");
        }
        String type = typeNode.asString("");
        Shape shape = GaShapes.EVENTS.get(type);
        if (shape == null) {
            throw ProtocolError.invalidValue("type", type, GaShapes.CLIENT_EVENT_TYPES);
        }
        shape.check(event, "");
        switch (type) {
            case "session.update" -> onSessionUpdate(event.get("session"));
            case "session.close" -> closeWith(1000, "");
            case "input_audio_buffer.append", "session.input_audio_buffer.append" -> input.append(event.get("audio").asString());
            case "input_audio_buffer.commit" -> input.commit();
            case "input_audio_buffer.clear" -> input.clear();
            case "conversation.item.create" -> onItemCreate(event.get("item"));
            case "conversation.item.truncate" -> onTruncate(event.get("item_id").asString(),
                    event.get("content_index").asInt(), event.get("audio_end_ms").asLong());
            case "conversation.item.delete" -> onItemDelete(event.get("item_id").asString());
            case "conversation.item.retrieve" -> onItemRetrieve(event.get("item_id").asString());
            case "response.create" -> onResponseCreate(event.get("response"));
            case "response.cancel" -> onResponseCancel(event.path("response_id").asString(null));
            default -> throw new IllegalStateException("no handler for accepted type " + type);
        }
    }

    private void onSessionUpdate(JsonNode update) {
        effective.update(update, audioWasSent);
        configureVad();
        publishEffective();
        emit(events.sessionUpdated(effective.snapshot()));
    }

    // ------------------------------------------------------------------ event loop: the caller's turns

    private final class InputHost implements InputAudioBuffer.Host {
        @Override
        public void emit(ObjectNode event) {
            FakeRealtimeSession.this.emit(event);
        }

        @Override
        public EffectiveSession session() {
            return effective;
        }

        @Override
        public Conversation conversation() {
            return conversation;
        }

        @Override
        public void speechStarted(VadSettings settings) {
            cancel(idleTask);
            if (settings != null && settings.interruptResponse() && active != null && active.active()) {
                active.cancel("turn_detected");
            }
        }

        @Override
        public void respond() {
            if (active == null || !active.active()) {
                startResponse(null);
            }
        }

        @Override
        public String nextUserTranscript() {
            return server.nextUserTranscript(DEFAULT_USER_TRANSCRIPT);
        }
    }

    private void onIdleTimeout() {
        if (active != null && active.active() || input.speaking() || closing) {
            return;
        }
        input.idleTimeout();
    }

    // ------------------------------------------------------------------ event loop: conversation items

    private void onItemCreate(JsonNode item) {
        GaShapes.ITEM.check(item, "item");
        checkRoleContent(item);
        ObjectNode stored = (ObjectNode) item.deepCopy();
        if (!stored.has("id")) {
            stored.put("id", events.ids().item());
        }
        stored.put("object", "realtime.item");
        if (!stored.has("status")) {
            stored.put("status", "completed");
        }
        String previous = conversation.lastItemId();
        conversation.put(stored);
        synchronized (itemsCreated) {
            itemsCreated.add(stored.deepCopy());
        }
        emit(events.itemAdded(previous, stored));
        emit(events.itemDone(previous, stored));
    }

    /** User and system messages hold {@code input_*} parts; assistant messages {@code output_*} parts. */
    private static void checkRoleContent(JsonNode item) {
        if (!"message".equals(item.path("type").asString())) {
            return;
        }
        boolean assistant = "assistant".equals(item.path("role").asString());
        List<String> allowed = assistant ? List.of("output_text", "output_audio")
                : List.of("input_text", "input_audio", "input_image");
        JsonNode content = item.path("content");
        for (int i = 0; i < content.size(); i++) {
            String type = content.get(i).path("type").asString();
            if (!allowed.contains(type)) {
                throw ProtocolError.invalidValue("item.content[" + i + "].type", type, allowed);
            }
        }
    }

    private void onTruncate(String itemId, int contentIndex, long audioEndMs) {
        ObjectNode item = conversation.get(itemId);
        if (item == null) {
            recordTruncation(new Truncation(itemId, contentIndex, audioEndMs, -1, false));
            throw new ProtocolError("item_truncate_invalid_item_id", "Item with item_id not found: " + itemId, "item_id");
        }
        ResponseStream stream = streamOf(itemId);
        if (stream == null || !stream.producesAudio()) {
            recordTruncation(new Truncation(itemId, contentIndex, audioEndMs, -1, false));
            throw new ProtocolError("invalid_value", "Only model output audio messages can be truncated", "item_id");
        }
        long sentMs = stream.sentAudioMs();
        if (audioEndMs > sentMs) {
            recordTruncation(new Truncation(itemId, contentIndex, audioEndMs, sentMs, false));
            throw new ProtocolError("invalid_value", "Audio content of " + sentMs + "ms is already shorter than "
                    + audioEndMs + "ms", "audio_end_ms");
        }
        recordTruncation(new Truncation(itemId, contentIndex, audioEndMs, sentMs, true));
        JsonNode part = item.path("content").path(contentIndex);
        if (part instanceof ObjectNode p && p.has("transcript")) {
            p.put("transcript", ""); // the service drops the transcript so the model never "said" what was cut
        }
        emit(events.itemTruncated(itemId, contentIndex, audioEndMs));
    }

    private void onItemDelete(String itemId) {
        if (!conversation.remove(itemId)) {
            throw new ProtocolError("item_delete_invalid_item_id", "Item with item_id not found: " + itemId, "item_id");
        }
        emit(events.itemDeleted(itemId));
    }

    private void onItemRetrieve(String itemId) {
        ObjectNode item = conversation.get(itemId);
        if (item == null) {
            throw new ProtocolError("item_retrieve_invalid_item_id", "Item with item_id not found: " + itemId,
                    "item_id");
        }
        emit(events.itemRetrieved(item));
    }

    // ------------------------------------------------------------------ event loop: responses

    private void onResponseCreate(JsonNode params) {
        if (params != null) {
            GaShapes.RESPONSE.check(params, "response");
            EffectiveSession.checkModalities(params.get("output_modalities"), "response.output_modalities");
        }
        startResponse(params);
    }

    private void onResponseCancel(String responseId) {
        cancels++;
        if (active == null || !active.active() || (responseId != null && !responseId.equals(active.responseId()))) {
            throw new ProtocolError("response_cancel_not_active", "Cancellation failed: no active response found",
                    null);
        }
        active.cancel("client_cancelled");
    }

    /** Starts the next scripted response with {@code params} ({@code response.create}'s object, or null). */
    private void startResponse(JsonNode params) {
        if (active != null && active.active()) {
            throw new ProtocolError("conversation_already_has_active_response", "Conversation already has an active "
                    + "response in progress: " + active.responseId() + ". Wait until the response is finished "
                    + "before creating a new one.", null);
        }
        cancel(idleTask);
        JsonNode p = params == null ? JSON.createObjectNode() : params;
        String readAloud = "none".equals(p.path("conversation").asString("auto")) ? inputText(p) : null;
        ScriptedResponse script = readAloud != null ? ScriptedResponse.text(readAloud) : server.nextScript();
        if (script instanceof ScriptedResponse.Error error) {
            emit(events.error(error.type(), error.code(), error.message(), null));
            return;
        }
        JsonNode outputParams = p.path("audio").path("output");
        String modality = p.has("output_modalities") ? p.get("output_modalities").path(0).asString()
                : effective.outputModality();
        AudioFormat format = outputParams.has("format") ? AudioFormat.of(outputParams.get("format"))
                : effective.outputFormat();
        JsonNode voice = outputParams.has("voice") ? outputParams.get("voice") : effective.voice();
        boolean outOfBand = "none".equals(p.path("conversation").asString("auto"));
        ResponsePlan plan = new ResponsePlan(events.ids().response(), events.ids().item(),
                script instanceof ScriptedResponse.FunctionCall ? events.ids().call() : null,
                outOfBand ? null : conversationId, modality, format, voice,
                p.has("max_output_tokens") ? p.get("max_output_tokens") : effective.maxOutputTokens(),
                p.has("metadata") ? p.get("metadata") : JSON.nullNode(), script);
        ResponseStream stream = new ResponseStream(new StreamHost(), events, plan, config,
                config.seed() * 31 + server.nextResponseNumber());
        synchronized (responses) {
            responses.add(stream);
            if (responses.size() > MAX_KEPT_RESPONSES) {
                sentAudio.remove(responses.removeFirst().itemId());
            }
        }
        active = stream;
        stream.start();
    }

    /**
     * The text of an out-of-band response's {@code input} user message: the fake has no model, so it "reads it
     * aloud" (Realtime-as-TTS asks the model to do exactly that); null when there is none, and the script plays.
     */
    private static String inputText(JsonNode params) {
        StringBuilder text = new StringBuilder();
        for (JsonNode item : params.path("input")) {
            if ("user".equals(item.path("role").asString(""))) {
                for (JsonNode part : item.path("content")) {
                    if ("input_text".equals(part.path("type").asString(""))) {
                        text.append(part.path("text").asString(""));
                    }
                }
            }
        }
        return text.isEmpty() ? null : text.toString();
    }

    private final class StreamHost implements ResponseStream.Host {
        @Override
        public void emit(ObjectNode event) {
            FakeRealtimeSession.this.emit(event);
        }

        @Override
        public Future<?> schedule(Runnable task, long delayNanos) {
            return channel.eventLoop().schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        }

        @Override
        public boolean writable() {
            return channel.isWritable() || closing;
        }

        @Override
        public Conversation conversation() {
            return conversation;
        }

        @Override
        public void audioSent(String itemId, byte[] audio, int offset, int length) {
            audioWasSent = true;
            sentAudio.computeIfAbsent(itemId, id -> new Recording(config.recordLimitBytes())).add(audio, offset, length);
        }

        @Override
        public void finished(ResponseStream stream, JsonNode usage) {
            if (active == stream) {
                active = null;
            }
            emit(events.rateLimitsUpdated(server.consumeRateLimits(usage.path("total_tokens").asLong())));
            VadSettings settings = effective.turnDetection();
            if (settings != null && settings.idleTimeoutMs() >= 0 && !closing) {
                long playbackMs = stream.sentAudioMs();
                idleTask = channel.eventLoop().schedule(FakeRealtimeSession.this::onIdleTimeout,
                        playbackMs + settings.idleTimeoutMs(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private ResponseStream streamOf(String itemId) {
        synchronized (responses) {
            for (ResponseStream r : responses) {
                if (r.itemId().equals(itemId)) {
                    return r;
                }
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ event loop: output

    /** Sends one server event, unless the server is stalled or this session is closing. */
    void emit(ObjectNode event) {
        if (closing || server.stalled()) {
            return;
        }
        write(JSON.writeValueAsString(event));
    }

    private void write(String json) {
        ChannelOutboundBuffer unread = channel.unsafe().outboundBuffer();
        if (unread != null && unread.totalPendingWriteBytes() > MAX_UNREAD_BYTES) {
            LOG.warn("fake realtime: dropping session {}: the client left more than {} bytes unread", index,
                    MAX_UNREAD_BYTES);
            closing = true;
            channel.close();
            return;
        }
        serverLog.add(json);
        channel.writeAndFlush(new TextWebSocketFrame(json));
    }

    /**
     * Starts the closing handshake: the close frame now, the TCP close when the client answers or after
     * {@link #CLOSE_GRACE_MS} (closing TCP at once could reset the connection and lose the frame in transit).
     */
    private void closeWith(int code, String reason) {
        if (closing) {
            return;
        }
        closing = true;
        closeCodeSent = code;
        channel.writeAndFlush(new CloseWebSocketFrame(code, reason));
        channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
    }

    private void ping() {
        byte[] payload = new byte[4];
        ThreadLocalRandom.current().nextBytes(payload);
        channel.writeAndFlush(new PingWebSocketFrame(Unpooled.wrappedBuffer(payload)));
    }

    private void configureVad() {
        input.configure(effective.turnDetection());
    }

    private void publishEffective() {
        effectiveSnapshot = effective.snapshot();
    }

    private void recordTruncation(Truncation t) {
        synchronized (truncations) {
            truncations.add(t);
        }
    }

    private static void cancel(Future<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    private static List<JsonNode> ofType(List<String> frames, String type) {
        List<JsonNode> out = new ArrayList<>();
        for (String frame : frames) {
            try {
                JsonNode node = JSON.readTree(frame);
                if (type.equals(node.path("type").asString(null))) {
                    out.add(node);
                }
            } catch (JacksonException e) {
                // not JSON: has no type
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "FakeRealtimeSession[" + index + ", model=" + model + ", closed=" + closed + "]";
    }
}
