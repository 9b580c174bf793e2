package org.audiostream.fakes.tts;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One ElevenLabs {@code stream-input} WebSocket (voice_ai_anchors §2.2): the first message is a single space
 * with the voice settings, text messages are buffered until {@code flush: true} or the closing {@code {"text":""}},
 * audio goes back as {@code {"audio":"<base64>","isFinal":null,"normalizedAlignment":null,"alignment":null}}
 * messages and the stream ends with {@code {"isFinal":true}} and a normal close. Faults: an error answer closes
 * with 1011 and the provider's status code as the reason (a close reason holds at most 123 bytes); {@link TtsFault#STALL} stops after the first chunk,
 * {@link TtsFault#CUT} drops the connection halfway, {@link TtsFault#TIMEOUT} never answers.
 *
 * <p>Threads: the server's event loop.
 */
final class FakeElevenLabsStreamInput extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CHUNK_MS = 100;

    private final FakeTtsServer server;
    private final String path;
    private final Map<String, String> query;
    private final Map<String, String> headers;
    private final String format;
    private final StringBuilder text = new StringBuilder();
    private final List<String> messages = new ArrayList<>();
    private boolean begun;
    private boolean ending;
    private int streaming;

    FakeElevenLabsStreamInput(FakeTtsServer server, String path, Map<String, String> query, Map<String, String> headers) {
        this.server = server;
        this.path = path;
        this.query = query;
        this.headers = headers;
        this.format = query.getOrDefault("output_format", "mp3_44100_128");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            return;
        }
        if (frame instanceof CloseWebSocketFrame) {
            ctx.close();
            return;
        }
        if (!(frame instanceof TextWebSocketFrame t)) {
            return;
        }
        String message = t.text();
        messages.add(message);
        JsonNode json;
        try {
            json = JSON.readTree(message);
        } catch (JacksonException e) {
            ctx.writeAndFlush(new CloseWebSocketFrame(1007, "invalid JSON")).addListener(f -> ctx.close());
            return;
        }
        String piece = json.path("text").asString("");
        if (!begun) {
            begun = true;
            if (!piece.equals(" ")) {
                ctx.writeAndFlush(new CloseWebSocketFrame(1008, "the first message must have text \" \""))
                        .addListener(f -> ctx.close());
            }
            return;
        }
        if (piece.isEmpty()) {
            ending = true;
            generate(ctx);
            return;
        }
        text.append(piece);
        if (json.path("flush").asBoolean(false)) {
            generate(ctx);
        }
    }

    /** Speaks what is buffered (if anything), then ends the stream if the closing message came. */
    private void generate(ChannelHandlerContext ctx) {
        String sentence = text.toString().strip();
        text.setLength(0);
        if (sentence.isEmpty()) {
            maybeEnd(ctx);
            return;
        }
        TtsFault fault = server.nextFault();
        server.record(new FakeTtsRequest("elevenlabs-ws", path, query, headers, sentence, format,
                String.join("\n", messages), fault));
        switch (fault) {
            case UNAUTHORIZED, RATE_LIMITED, SERVER_ERROR -> ctx.writeAndFlush(new CloseWebSocketFrame(1011,
                    FakeTtsErrors.elevenLabsStatus(fault))).addListener(f -> ctx.close());
            case TIMEOUT -> { }
            default -> {
                byte[] audio = FakeTtsVoice.bytes(sentence, format);
                int rate = format.startsWith("pcm_") ? Integer.parseInt(format.substring(4)) : 8000;
                int chunk = CHUNK_MS * rate * (format.startsWith("pcm_") ? 2 : 1) / 1000;
                long interval = (long) (TimeUnit.MILLISECONDS.toNanos(CHUNK_MS) / server.speed());
                streaming++;
                send(ctx, audio, 0, chunk, interval, fault, 0);
            }
        }
    }

    private void send(ChannelHandlerContext ctx, byte[] audio, int sent, int chunk, long interval, TtsFault fault, int chunks) {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (fault == TtsFault.CUT && sent >= audio.length / 2) {
            ctx.channel().close();
            return;
        }
        if (fault == TtsFault.STALL && chunks == 1) {
            return;
        }
        if (sent >= audio.length) {
            streaming--;
            maybeEnd(ctx);
            return;
        }
        int n = Math.min(chunk, audio.length - sent);
        String b64 = Base64.getEncoder().encodeToString(Arrays.copyOfRange(audio, sent, sent + n));
        ctx.writeAndFlush(new TextWebSocketFrame("{\"audio\":\"" + b64
                + "\",\"isFinal\":null,\"normalizedAlignment\":null,\"alignment\":null}"));
        ctx.executor().schedule(() -> send(ctx, audio, sent + n, chunk, interval, fault, chunks + 1), interval,
                TimeUnit.NANOSECONDS);
    }

    private void maybeEnd(ChannelHandlerContext ctx) {
        if (ending && streaming == 0) {
            ctx.writeAndFlush(new TextWebSocketFrame("{\"isFinal\":true}"));
            ctx.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(f -> ctx.close());
        }
    }
}
