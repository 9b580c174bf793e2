package org.audiostream.fakes.tts;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One connection to ElevenLabs' multi-context input streaming ({@code /multi-stream-input}, voice_ai_anchors §2.2 and
 * the service's asyncapi), strict on input as the service is: every message a JSON object of the documented keys;
 * a {@code context_id} names the context (a message naming a new one creates it, and only that first message may
 * carry {@code voice_settings}, {@code generation_config}); {@code {"text":""}} without a context keeps the
 * connection alive; {@code flush}, {@code close_context} and {@code close_socket} as documented; at most
 * {@value #MAX_CONTEXTS} contexts at once. A violation is answered as the service does, with
 * {@code {"message":…,"error":<code>,"code":1008}} and a close 1008; so is silence longer than the
 * {@code inactivity_timeout} (default 20 s).
 *
 * <p>Latency model: a context's buffered text is generated when it reaches the next entry of its
 * {@code chunk_length_schedule} (default 120, 160, 250, 290 characters) or is flushed; each generation is one
 * {@link FakeTtsRequest} whose audio ({@link FakeTtsVoice} of that text) starts {@link FakeTtsServer#firstByteDelayMs}
 * later, in {@code {"audio":"<base64>","normalizedAlignment":null,"alignment":null,"contextId":…}} messages of
 * 100 ms at the server's speed. A closed context drops its unflushed text, finishes what was generated and ends
 * with {@code {"isFinal":true,"contextId":…}}. The context's first generation takes the next {@link TtsFault}: an
 * error status becomes the error message with the context's id (code 1008, 1011 for a server error) and a close
 * with that code; {@link TtsFault#TIMEOUT} never answers, {@link TtsFault#STALL} stops after the first chunk,
 * {@link TtsFault#SLOW_DRIP} sends 20 ms chunks at half real time, {@link TtsFault#CUT} drops the connection
 * halfway through a generation.
 *
 * <p>Threads: the server's event loop.
 */
final class FakeElevenLabsMultiStream extends SimpleChannelInboundHandler<WebSocketFrame> {

    static final int MAX_CONTEXTS = 5;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> KEYS = Set.of("text", "context_id", "voice_settings", "generation_config",
            "pronunciation_dictionary_locators", "xi_api_key", "xi-api-key", "authorization", "flush", "close_context",
            "close_socket");
    private static final List<Integer> DEFAULT_SCHEDULE = List.of(120, 160, 250, 290);
    private static final int CHUNK_MS = 100;
    private static final int DRIP_CHUNK_MS = 20;

    private final FakeTtsServer server;
    private final String path;
    private final Map<String, String> query;
    private final Map<String, String> headers;
    private final String format;
    private final int inactivityMs;
    private final Map<String, Context> contexts = new LinkedHashMap<>();
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> inactivity;
    private boolean closingSocket;
    private boolean over;

    /** What one context holds. */
    private static final class Context {
        final String id;
        final List<Integer> schedule;
        final List<String> messages = new ArrayList<>();
        final StringBuilder buffer = new StringBuilder();
        final ArrayDeque<Generation> generations = new ArrayDeque<>();
        int generated;
        TtsFault fault;
        int sentOfHead;
        int chunks;
        boolean closed;
        ScheduledFuture<?> pump;

        Context(String id, List<Integer> schedule) {
            this.id = id;
            this.schedule = schedule;
        }

        int threshold() {
            return schedule.get(Math.min(generated, schedule.size() - 1));
        }
    }

    private record Generation(byte[] audio, long readyNanos) {}

    FakeElevenLabsMultiStream(FakeTtsServer server, String path, Map<String, String> query, Map<String, String> headers) {
        this.server = server;
        this.path = path;
        this.query = query;
        this.headers = headers;
        this.format = query.getOrDefault("output_format", "mp3_44100_128");
        this.inactivityMs = Integer.parseInt(query.getOrDefault("inactivity_timeout", "20")) * 1000;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        server.streamInputOpened();
        active();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            return;
        }
        if (frame instanceof CloseWebSocketFrame) {
            end();
            ctx.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(f -> ctx.close());
            return;
        }
        if (!(frame instanceof TextWebSocketFrame t) || over) {
            return;
        }
        active();
        String message = t.text();
        server.recordStreamInput(message);
        JsonNode json;
        try {
            json = JSON.readTree(message);
        } catch (JacksonException e) {
            json = null;
        }
        String problem = problem(json);
        if (problem != null) {
            refuse("invalid_input_message", "Could not parse input message, make sure it is a json and follows the "
                    + "schema outlined in protocol. " + problem, 1008);
            return;
        }
        if (json.path("close_socket").asBoolean(false)) {
            closingSocket = true;
            List.copyOf(contexts.values()).forEach(this::close);
            maybeCloseSocket();
            return;
        }
        String id = json.path("context_id").asString(null);
        if (id == null) {
            return; // {"text":""}: keeps the connection alive
        }
        Context c = contexts.get(id);
        if (c == null) {
            if (contexts.size() >= MAX_CONTEXTS) {
                refuse("max_active_conversations", "Maximum simultaneous contexts per WebSocket connection exceeded ("
                        + MAX_CONTEXTS + "). Please close an existing context before opening a new one.", 1008);
                return;
            }
            c = new Context(id, schedule(json));
            contexts.put(id, c);
        } else if (json.has("voice_settings") || json.has("generation_config")) {
            refuse("invalid_input_message", "voice_settings and generation_config may only initialise a context", 1008);
            return;
        } else if (c.closed) {
            refuse("invalid_input_message", "context " + id + " is closed", 1008);
            return;
        }
        c.messages.add(message);
        c.buffer.append(json.path("text").asString(""));
        if (json.path("flush").asBoolean(false) || c.buffer.toString().strip().length() >= c.threshold()) {
            generate(c);
        }
        if (json.path("close_context").asBoolean(false) && !over) {
            close(c);
        }
    }

    /** Why {@code json} is not a message the service accepts, or null. */
    private static String problem(JsonNode json) {
        if (json == null || !json.isObject()) {
            return "not a JSON object";
        }
        for (String key : json.propertyNames()) {
            if (!KEYS.contains(key)) {
                return "unknown field " + key;
            }
        }
        if (json.has("text") && !json.path("text").isString() || json.has("context_id") && !json.path("context_id").isString()) {
            return "text and context_id are strings";
        }
        for (String flag : List.of("flush", "close_context", "close_socket")) {
            if (json.has(flag) && !json.path(flag).isBoolean()) {
                return flag + " is a boolean";
            }
        }
        if (!json.has("context_id") && !json.has("close_socket") && !json.path("text").asString("-").isEmpty()) {
            return "this fake needs a context_id on every message but the keep-alive and close_socket";
        }
        JsonNode schedule = json.path("generation_config").path("chunk_length_schedule");
        if (!schedule.isMissingNode()) {
            if (!schedule.isArray() || schedule.isEmpty()) {
                return "chunk_length_schedule is a list of numbers";
            }
            for (JsonNode n : schedule) {
                if (!n.isNumber() || n.asDouble() < 50 || n.asDouble() > 500) {
                    return "each chunk_length_schedule entry is between 50 and 500";
                }
            }
        }
        return null;
    }

    private static List<Integer> schedule(JsonNode json) {
        JsonNode schedule = json.path("generation_config").path("chunk_length_schedule");
        if (schedule.isMissingNode()) {
            return DEFAULT_SCHEDULE;
        }
        List<Integer> out = new ArrayList<>();
        schedule.forEach(n -> out.add((int) Math.ceil(n.asDouble())));
        return out;
    }

    /** Generates the buffered text of {@code c}: one request, its audio after the time to first byte. */
    private void generate(Context c) {
        String text = c.buffer.toString().strip();
        c.buffer.setLength(0);
        if (text.isEmpty()) {
            return;
        }
        if (c.generated++ == 0) {
            c.fault = server.nextFault();
        }
        server.record(new FakeTtsRequest("elevenlabs-ws", path, query, headers, text, format,
                String.join("\n", c.messages), c.fault));
        switch (c.fault) {
            case UNAUTHORIZED, RATE_LIMITED, SERVER_ERROR -> {
                ObjectNode error = JSON.createObjectNode().put("message", FakeTtsErrors.elevenLabsMessage(c.fault))
                        .put("error", FakeTtsErrors.elevenLabsStatus(c.fault))
                        .put("code", c.fault == TtsFault.SERVER_ERROR ? 1011 : 1008).put("contextId", c.id);
                refuse(error, c.fault == TtsFault.SERVER_ERROR ? 1011 : 1008);
            }
            case TIMEOUT -> { }
            default -> {
                c.generations.addLast(new Generation(FakeTtsVoice.bytes(text, format),
                        System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(server.firstByteDelayMs())));
                if (c.pump == null) {
                    pump(c);
                }
            }
        }
    }

    /** Sends the next chunk of {@code c}'s audio when it is due. */
    private void pump(Context c) {
        c.pump = null;
        if (over) {
            return;
        }
        Generation g = c.generations.peekFirst();
        if (g == null) {
            maybeFinal(c);
            return;
        }
        long wait = g.readyNanos() - System.nanoTime();
        if (wait > 0) {
            c.pump = ctx.executor().schedule(() -> pump(c), wait, TimeUnit.NANOSECONDS);
            return;
        }
        if (c.fault == TtsFault.CUT && c.sentOfHead >= g.audio().length / 2) {
            end();
            ctx.channel().close();
            return;
        }
        if (c.fault == TtsFault.STALL && c.chunks == 1) {
            return;
        }
        if (c.sentOfHead >= g.audio().length) {
            c.generations.pollFirst();
            c.sentOfHead = 0;
            pump(c);
            return;
        }
        boolean drip = c.fault == TtsFault.SLOW_DRIP;
        int chunkMs = drip ? DRIP_CHUNK_MS : CHUNK_MS;
        int rate = format.startsWith("pcm_") ? Integer.parseInt(format.substring(4)) : 8000;
        int chunk = chunkMs * rate * (format.startsWith("pcm_") ? 2 : 1) / 1000;
        int n = Math.min(chunk, g.audio().length - c.sentOfHead);
        String b64 = Base64.getEncoder().encodeToString(Arrays.copyOfRange(g.audio(), c.sentOfHead, c.sentOfHead + n));
        ctx.writeAndFlush(new TextWebSocketFrame("{\"audio\":\"" + b64
                + "\",\"normalizedAlignment\":null,\"alignment\":null,\"contextId\":\"" + c.id + "\"}"));
        c.sentOfHead += n;
        c.chunks++;
        long interval = (long) (TimeUnit.MILLISECONDS.toNanos(chunkMs) / (drip ? 0.5 : server.speed()));
        c.pump = ctx.executor().schedule(() -> pump(c), interval, TimeUnit.NANOSECONDS);
    }

    /** {@code close_context}: unflushed text is dropped, what was generated is still sent, then {@code isFinal}. */
    private void close(Context c) {
        c.closed = true;
        c.buffer.setLength(0);
        if (c.pump == null && c.generations.isEmpty()) {
            maybeFinal(c);
        }
    }

    private void maybeFinal(Context c) {
        if (!c.closed || c.fault == TtsFault.TIMEOUT || !contexts.containsKey(c.id)) {
            return;
        }
        contexts.remove(c.id);
        ctx.writeAndFlush(new TextWebSocketFrame("{\"isFinal\":true,\"contextId\":\"" + c.id + "\"}"));
        maybeCloseSocket();
    }

    private void maybeCloseSocket() {
        if (closingSocket && contexts.isEmpty() && !over) {
            end();
            ctx.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(f -> ctx.close());
        }
    }

    /** Restarts the inactivity timer: silence for {@code inactivity_timeout} ends the connection as the service does. */
    private void active() {
        if (inactivity != null) {
            inactivity.cancel(false);
        }
        inactivity = ctx.executor().schedule(() -> refuse("input_timeout_exceeded", "Have not received a new text "
                + "input within the timeout of " + inactivityMs / 1000 + " seconds. Streaming input terminated.", 1008),
                inactivityMs, TimeUnit.MILLISECONDS);
    }

    private void refuse(String error, String message, int code) {
        refuse(JSON.createObjectNode().put("message", message).put("error", error).put("code", code), code);
    }

    /** Sends the error message, then closes with {@code code}. */
    private void refuse(ObjectNode error, int code) {
        if (over) {
            return;
        }
        end();
        ctx.writeAndFlush(new TextWebSocketFrame(error.toString()));
        ctx.writeAndFlush(new CloseWebSocketFrame(code, error.path("error").asString())).addListener(f -> ctx.close());
    }

    /** Nothing more is sent on this connection. */
    private void end() {
        over = true;
        if (inactivity != null) {
            inactivity.cancel(false);
        }
        contexts.values().forEach(c -> {
            if (c.pump != null) {
                c.pump.cancel(false);
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        end();
        ctx.fireChannelInactive();
    }
}
