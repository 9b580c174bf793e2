package org.audiostream.fakes.tts;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers one connection's requests for {@link FakeTtsServer}: checks the key and the body as the services do,
 * then streams (or fails) as the next fault says. Threads: the server's event loop.
 */
final class FakeTtsHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern ELEVENLABS = Pattern.compile("^/v1/text-to-speech/([^/]+)/stream$");
    private static final Pattern STREAM_INPUT = Pattern.compile("^/v1/text-to-speech/([^/]+)/multi-stream-input$");
    private static final int OPENAI_MAX_INPUT = 4096;
    private static final int CHUNK_MS = 100;
    private static final int DRIP_CHUNK_MS = 20;

    private final FakeTtsServer server;

    FakeTtsHandler(FakeTtsServer server) {
        this.server = server;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        if (req.method() == HttpMethod.GET && STREAM_INPUT.matcher(uri.path()).matches()) {
            upgrade(ctx, req, uri);
            return;
        }
        boolean elevenLabs = ELEVENLABS.matcher(uri.path()).matches();
        boolean openAi = uri.path().equals("/v1/audio/speech");
        if (req.method() != HttpMethod.POST || !elevenLabs && !openAi) {
            answer(ctx, HttpResponseStatus.NOT_FOUND, "{\"detail\":\"Not Found\"}");
            return;
        }
        String service = elevenLabs ? "elevenlabs" : "openai";
        String key = elevenLabs ? req.headers().get("xi-api-key")
                : stripBearer(req.headers().get(HttpHeaderNames.AUTHORIZATION));
        if (key == null || !key.equals(server.apiKey(elevenLabs))) {
            answer(ctx, HttpResponseStatus.UNAUTHORIZED, elevenLabs ? FakeTtsErrors.elevenLabs(TtsFault.UNAUTHORIZED)
                    : FakeTtsErrors.openAi(TtsFault.UNAUTHORIZED));
            return;
        }
        String body = req.content().toString(StandardCharsets.UTF_8);
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JacksonException e) {
            answer(ctx, HttpResponseStatus.BAD_REQUEST, elevenLabs
                    ? "{\"detail\":[{\"loc\":[\"body\"],\"msg\":\"invalid JSON\",\"type\":\"value_error.jsondecode\"}]}"
                    : "{\"error\":{\"message\":\"We could not parse the JSON body of your request.\",\"type\":"
                    + "\"invalid_request_error\",\"param\":null,\"code\":null}}");
            return;
        }
        String text = json.path(elevenLabs ? "text" : "input").asString("");
        String format;
        boolean sse = false;
        if (elevenLabs) {
            format = first(uri, "output_format", "mp3_44100_128");
            if (!spoken(format)) {
                answer(ctx, HttpResponseStatus.UNPROCESSABLE_ENTITY, validation("output_format",
                        "the fake only speaks ulaw_8000, alaw_8000 and pcm_*"));
                return;
            }
        } else {
            if (text.length() > OPENAI_MAX_INPUT) {
                answer(ctx, HttpResponseStatus.BAD_REQUEST, "{\"error\":{\"message\":\"'input' is too long: maximum "
                        + OPENAI_MAX_INPUT + " characters\",\"type\":\"invalid_request_error\",\"param\":\"input\","
                        + "\"code\":\"string_above_max_length\"}}");
                return;
            }
            if (!json.path("response_format").asString("mp3").equals("pcm")) {
                answer(ctx, HttpResponseStatus.BAD_REQUEST, "{\"error\":{\"message\":\"the fake only answers "
                        + "response_format pcm\",\"type\":\"invalid_request_error\",\"param\":\"response_format\",\"code\":null}}");
                return;
            }
            format = "pcm_24000";
            sse = json.path("stream_format").asString("audio").equals("sse");
        }
        TtsFault fault = server.nextFault();
        server.record(new FakeTtsRequest(service, uri.path(), query(uri), headers(req), text, format, body, fault));
        switch (fault) {
            case UNAUTHORIZED, RATE_LIMITED, SERVER_ERROR -> answer(ctx, HttpResponseStatus.valueOf(FakeTtsErrors.status(fault)),
                    elevenLabs ? FakeTtsErrors.elevenLabs(fault) : FakeTtsErrors.openAi(fault));
            case TIMEOUT -> { } // hold the request: no headers ever
            default -> {
                byte[] audio = FakeTtsVoice.bytes(text, format);
                int rate = format.startsWith("pcm_") ? Integer.parseInt(format.substring(4)) : 8000;
                int bytesPerMs = rate * (format.startsWith("pcm_") ? 2 : 1) / 1000;
                new Stream(ctx, audio, bytesPerMs, fault, sse, elevenLabs).begin();
            }
        }
    }

    /** Streams one answer chunk by chunk on the event loop. */
    private final class Stream {
        private final ChannelHandlerContext ctx;
        private final byte[] audio;
        private final int chunkBytes;
        private final long intervalNanos;
        private final TtsFault fault;
        private final boolean sse;
        private final boolean elevenLabs;
        private int sent;
        private int chunks;

        Stream(ChannelHandlerContext ctx, byte[] audio, int bytesPerMs, TtsFault fault, boolean sse, boolean elevenLabs) {
            this.ctx = ctx;
            this.audio = audio;
            this.fault = fault;
            this.sse = sse;
            this.elevenLabs = elevenLabs;
            int chunkMs = fault == TtsFault.SLOW_DRIP ? DRIP_CHUNK_MS : CHUNK_MS;
            this.chunkBytes = chunkMs * bytesPerMs;
            double speed = fault == TtsFault.SLOW_DRIP ? 0.5 : server.speed();
            this.intervalNanos = (long) (TimeUnit.MILLISECONDS.toNanos(chunkMs) / speed);
        }

        void begin() {
            ctx.executor().schedule(this::headers, server.firstByteDelayMs(), TimeUnit.MILLISECONDS);
        }

        private void headers() {
            HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, sse ? "text/event-stream"
                    : elevenLabs ? "audio/basic" : "audio/pcm");
            HttpUtil.setTransferEncodingChunked(response, true);
            if (elevenLabs) {
                response.headers().set("current-concurrent-requests", "1").set("maximum-concurrent-requests", "4");
            }
            ctx.writeAndFlush(response);
            next();
        }

        private void next() {
            if (!ctx.channel().isActive()) {
                return;
            }
            if (fault == TtsFault.CUT && sent >= audio.length / 2) {
                ctx.channel().close();
                return;
            }
            if (fault == TtsFault.STALL && chunks == 1) {
                return; // the stream just stops
            }
            if (sent >= audio.length) {
                if (sse) {
                    ctx.write(new DefaultHttpContent(Unpooled.copiedBuffer("data: {\"type\":\"speech.audio.done\","
                            + "\"usage\":{\"input_tokens\":12,\"output_tokens\":" + audio.length / 100
                            + ",\"total_tokens\":" + (12 + audio.length / 100) + "}}\n\n", StandardCharsets.UTF_8)));
                }
                ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                return;
            }
            int n = Math.min(chunkBytes, audio.length - sent);
            if (sse) {
                String b64 = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(audio, sent, sent + n));
                ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer("data: {\"type\":\"speech.audio.delta\","
                        + "\"audio\":\"" + b64 + "\"}\n\n", StandardCharsets.UTF_8)));
            } else {
                ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(audio, sent, n)));
            }
            sent += n;
            chunks++;
            ctx.executor().schedule(this::next, intervalNanos, TimeUnit.NANOSECONDS);
        }
    }

    private static boolean spoken(String format) {
        return format.equals("ulaw_8000") || format.equals("alaw_8000") || format.matches("pcm_(8000|16000|22050|24000|44100|48000)");
    }

    /** ElevenLabs' (FastAPI's) validation error for query parameter {@code name}. */
    private static String validation(String name, String message) {
        return "{\"detail\":[{\"loc\":[\"query\",\"" + name + "\"],\"msg\":\"" + message + "\",\"type\":\"value_error\"}]}";
    }

    /** ElevenLabs' multi-context input streaming: the key in the {@code xi-api-key} header, the query checked, then the WebSocket. */
    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder uri) {
        if (!server.apiKey(true).equals(req.headers().get("xi-api-key"))) {
            answer(ctx, HttpResponseStatus.UNAUTHORIZED, FakeTtsErrors.elevenLabs(TtsFault.UNAUTHORIZED));
            return;
        }
        if (!spoken(first(uri, "output_format", "mp3_44100_128"))) {
            answer(ctx, HttpResponseStatus.UNPROCESSABLE_ENTITY, validation("output_format",
                    "the fake only speaks ulaw_8000, alaw_8000 and pcm_*"));
            return;
        }
        if (!first(uri, "inactivity_timeout", "20").matches("[1-9][0-9]{0,2}")
                || Integer.parseInt(first(uri, "inactivity_timeout", "20")) > 180) {
            answer(ctx, HttpResponseStatus.UNPROCESSABLE_ENTITY, validation("inactivity_timeout",
                    "an integer of seconds, at most 180"));
            return;
        }
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory("ws://" + req.headers().get(
                HttpHeaderNames.HOST) + req.uri(), null, false, 1 << 20).newHandshaker(req);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        ctx.pipeline().replace(this, "multi-stream-input", new FakeElevenLabsMultiStream(server, uri.path(), query(uri), headers(req)));
        handshaker.handshake(ctx.channel(), req);
    }

    private static void answer(ChannelHandlerContext ctx, HttpResponseStatus status, String json) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    private static String stripBearer(String header) {
        return header != null && header.startsWith("Bearer ") ? header.substring(7) : null;
    }

    private static String first(QueryStringDecoder uri, String name, String fallback) {
        return uri.parameters().getOrDefault(name, java.util.List.of(fallback)).getFirst();
    }

    private static Map<String, String> query(QueryStringDecoder uri) {
        Map<String, String> m = new HashMap<>();
        uri.parameters().forEach((k, v) -> m.put(k, v.getFirst()));
        return m;
    }

    private static Map<String, String> headers(FullHttpRequest req) {
        Map<String, String> m = new HashMap<>();
        req.headers().forEach(e -> m.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
        return m;
    }
}
