package org.audiostream.control;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.TimeUnit;
import org.audiostream.config.Secret;
import org.audiostream.net.MessageDeadline;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import org.audiostream.observe.RateLimitedLog;
import org.audiostream.observe.SecurityEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Routes one admin request. Bad requests get a precise 4xx with a text reason; nothing here blocks.
 *
 * <p>Threads: event-loop confined; one instance per connection (not @Sharable).
 */
final class AdminRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Log LOG = Log.of(Component.API);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String APPLICATION_JSON = "application/json";
    static final int LOG_INTERVAL_SECONDS = 5;

    private final AdminApi api;
    private final EventStreams streams;
    private final Optional<Secret> token;
    private final MessageDeadline deadline;
    private final RateLimitedLog idleLog = new RateLimitedLog(LOG_INTERVAL_SECONDS, TimeUnit.SECONDS);
    private final RateLimitedLog failureLog = new RateLimitedLog(LOG_INTERVAL_SECONDS, TimeUnit.SECONDS);

    AdminRequestHandler(AdminApi api, EventStreams streams, Optional<Secret> token, MessageDeadline deadline) {
        this.api = api;
        this.streams = streams;
        this.token = token;
        this.deadline = deadline;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        deadline.finished();
        if (!req.decoderResult().isSuccess()) {
            respond(ctx, req, HttpResponseStatus.BAD_REQUEST, TEXT, "-ERR malformed HTTP request: " + req.decoderResult().cause());
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        String path = uri.path();
        if (path.equals("/livez")) {
            respond(ctx, req, HttpResponseStatus.OK, TEXT, "ok\n");
            return;
        }
        if (path.equals("/readyz")) {
            boolean ready = api.ready();
            respond(ctx, req, ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, TEXT,
                    ready ? "ready\n" : "draining\n");
            return;
        }
        if (!authorized(req)) {
            LOG.warn(null, "http_auth", "rejected", "path", path, "remote", ctx.channel().remoteAddress());
            FullHttpResponse r = response(HttpResponseStatus.UNAUTHORIZED, TEXT, "-ERR missing or wrong bearer token\n");
            r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
            send(ctx, req, r);
            return;
        }
        route(ctx, req, uri, path);
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder uri, String path) {
        HttpMethod method = req.method();
        List<String> parts = List.of(path.substring(1).split("/"));
        if (path.equals("/api") && method.equals(HttpMethod.POST)) {
            String reply = api.execute(req.content().toString(StandardCharsets.UTF_8).strip());
            respond(ctx, req, statusOf(reply), TEXT, reply.endsWith("\n") ? reply : reply + "\n");
        } else if (path.equals("/metrics") && method.equals(HttpMethod.GET)) {
            respond(ctx, req, HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8", api.metrics());
        } else if (path.equals("/v1/health") && method.equals(HttpMethod.GET)) {
            respond(ctx, req, HttpResponseStatus.OK, APPLICATION_JSON, api.globalHealthJson());
        } else if (path.equals("/v1/sessions") && method.equals(HttpMethod.GET)) {
            respond(ctx, req, HttpResponseStatus.OK, APPLICATION_JSON, api.sessionsJson());
        } else if (path.equals("/v1/events") && method.equals(HttpMethod.GET)) {
            streams.attach(ctx, req, uri);
        } else if (parts.size() == 4 && parts.get(0).equals("v1") && parts.get(1).equals("sessions")
                && parts.get(3).equals("health") && method.equals(HttpMethod.GET)) {
            api.sessionHealthJson(parts.get(2)).ifPresentOrElse(
                    json -> respond(ctx, req, HttpResponseStatus.OK, APPLICATION_JSON, json),
                    () -> respond(ctx, req, HttpResponseStatus.NOT_FOUND, TEXT, "-ERR no such session\n"));
        } else if (parts.size() == 4 && parts.get(0).equals("v1") && parts.get(1).equals("sessions")
                && method.equals(HttpMethod.POST)) {
            restCommand(ctx, req, parts.get(2), parts.get(3));
        } else {
            respond(ctx, req, HttpResponseStatus.NOT_FOUND, TEXT, "-ERR no route for " + method + " " + path + "\n");
        }
    }

    private void restCommand(ChannelHandlerContext ctx, FullHttpRequest req, String uuid, String action) {
        Map<String, String> args = new LinkedHashMap<>();
        String body = req.content().toString(StandardCharsets.UTF_8);
        if (!body.isBlank()) {
            JsonNode node;
            try {
                node = JSON.readTree(body);
            } catch (JacksonException e) {
                respond(ctx, req, HttpResponseStatus.BAD_REQUEST, TEXT, "-ERR request body is not valid JSON: "
                        + e.getOriginalMessage() + "\n");
                return;
            }
            if (!node.isObject()) {
                respond(ctx, req, HttpResponseStatus.BAD_REQUEST, TEXT, "-ERR request body must be a JSON object\n");
                return;
            }
            for (var e : node.properties()) {
                args.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asString() : e.getValue().toString());
            }
        }
        String reply = api.execute(uuid, action, args);
        respond(ctx, req, statusOf(reply), TEXT, reply.endsWith("\n") ? reply : reply + "\n");
    }

    /** {@code +OK} and the JSON answers of {@code health} and {@code global_health} are 200. */
    static HttpResponseStatus statusOf(String reply) {
        if (reply.startsWith("+OK") || reply.startsWith("{")) {
            return HttpResponseStatus.OK;
        }
        if (reply.startsWith("-ERR no such session")) {
            return HttpResponseStatus.NOT_FOUND;
        }
        return reply.startsWith("-USAGE") ? HttpResponseStatus.BAD_REQUEST : HttpResponseStatus.CONFLICT;
    }

    private boolean authorized(FullHttpRequest req) {
        if (token.isEmpty()) {
            return true;
        }
        String header = req.headers().get(HttpHeaderNames.AUTHORIZATION, "");
        byte[] given = header.startsWith("Bearer ") ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        return MessageDigest.isEqual(given, token.get().reveal().getBytes(StandardCharsets.UTF_8));
    }

    private static FullHttpResponse response(HttpResponseStatus status, String contentType, String body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        return r;
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status,
                                String contentType, String body) {
        send(ctx, req, response(status, contentType, body));
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest req, FullHttpResponse r) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (keepAlive) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(r);
        } else {
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** A connection that carried no request for the idle timeout is closed. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            SecurityEvent.HTTP_TIMEOUT.count();
            long suppressed = idleLog.tryAcquire(System.nanoTime());
            if (suppressed >= 0) {
                LOG.info(null, "http_connection", "idle_closed", "remote", ctx.channel().remoteAddress(), "suppressed", suppressed);
            }
            ctx.close();
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        long suppressed = failureLog.tryAcquire(System.nanoTime());
        if (suppressed >= 0) {
            LOG.warn(null, "http_request", "failed", "remote", ctx.channel().remoteAddress(), "error", cause.toString(),
                    "suppressed", suppressed);
        }
        ctx.close();
    }
}
