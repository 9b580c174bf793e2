package org.audiostream.control;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.audiostream.event.EventBus;
import org.audiostream.event.EventFilter;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import org.audiostream.observe.RateLimitedLog;
import org.audiostream.observe.SecurityEvent;

/**
 * {@code GET /v1/events}: a live event stream, as Server-Sent Events or, when the request asks to upgrade,
 * as a WebSocket of JSON text frames. Filters: {@code ?subclass=a,b} (a value ending in {@code ::} matches a
 * family, e.g. {@code mod_audio_stream::}) and {@code ?uuid=…}. At most {@code maxStreams} are open at once
 * (more get 503); each has its own bounded queue ({@link EventStreamSubscriber}), so a client that stops
 * reading is disconnected, with a final message, instead of costing memory or other clients their events.
 *
 * <p>Threads: {@link #attach} on the connection's event loop; the count of open streams is thread-safe.
 */
final class EventStreams {

    private static final Log LOG = Log.of(Component.API);
    static final int LOG_INTERVAL_SECONDS = 5;

    private final EventBus bus;
    private final int maxStreams;
    private final int queueCapacity;
    private final AtomicInteger open = new AtomicInteger();
    private final RateLimitedLog refusedLog = new RateLimitedLog(LOG_INTERVAL_SECONDS, TimeUnit.SECONDS);

    EventStreams(EventBus bus, int maxStreams, int queueCapacity) {
        this.bus = bus;
        this.maxStreams = maxStreams;
        this.queueCapacity = queueCapacity;
    }

    void attach(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder uri) {
        Channel ch = ctx.channel();
        if (open.incrementAndGet() > maxStreams) {
            open.decrementAndGet();
            refuse(ctx);
            return;
        }
        ch.closeFuture().addListener(f -> open.decrementAndGet());
        ctx.pipeline().remove(AdminHttpServer.REQUEST_STARTED);
        ctx.pipeline().remove(AdminHttpServer.IDLE);
        EventFilter filter = new EventFilter(values(uri, "subclass"), values(uri, "uuid"));
        if (req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            upgrade(ctx, req, uri, filter);
            return;
        }
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        HttpUtil.setTransferEncodingChunked(head, true);
        ch.write(head);
        ch.writeAndFlush(sse(": audio-stream events\n\n"));
        start(ctx, filter, new EventStreamSubscriber.Format(
                e -> sse("event: " + e.subclass() + "\ndata: " + EventJson.encode(e) + "\n\n"),
                dropped -> sse("event: audio_stream::overflow\ndata: " + overflowJson(dropped) + "\n\n"),
                () -> LastHttpContent.EMPTY_LAST_CONTENT, null));
    }

    /** Event streams open now. */
    int open() {
        return open.get();
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder uri, EventFilter filter) {
        Channel ch = ctx.channel();
        String url = "ws://" + req.headers().get(HttpHeaderNames.HOST, "localhost") + uri.path();
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(url, null, false).newHandshaker(req);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ch);
            return;
        }
        handshaker.handshake(ch, req).addListener(f -> {
            if (f.isSuccess()) {
                start(ctx, filter, new EventStreamSubscriber.Format(
                        e -> new TextWebSocketFrame(EventJson.encode(e)),
                        dropped -> new CloseWebSocketFrame(1008, "event subscriber fell behind: " + overflowJson(dropped)),
                        () -> new CloseWebSocketFrame(1001, "server shutting down"), handshaker));
            }
        });
    }

    private void start(ChannelHandlerContext ctx, EventFilter filter, EventStreamSubscriber.Format format) {
        EventStreamSubscriber subscriber = new EventStreamSubscriber(ctx.channel(), bus, queueCapacity, format);
        ctx.pipeline().replace(ctx.handler(), "eventStream", subscriber);
        EventBus.Subscription subscription = bus.subscribe(filter, subscriber);
        subscriber.subscribed(subscription);
        ctx.channel().closeFuture().addListener(f -> subscription.close());
    }

    private void refuse(ChannelHandlerContext ctx) {
        SecurityEvent.EVENT_SUBSCRIBER_REFUSED.count();
        long suppressed = refusedLog.tryAcquire(System.nanoTime());
        if (suppressed >= 0) {
            LOG.warn(null, "event_stream", "refused", "remote", ctx.channel().remoteAddress(), "max_streams", maxStreams,
                    "suppressed", suppressed);
        }
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SERVICE_UNAVAILABLE,
                Unpooled.copiedBuffer("-ERR too many event streams (max " + maxStreams + ")\n", StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        r.headers().set(HttpHeaderNames.RETRY_AFTER, "5");
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }

    private String overflowJson(long dropped) {
        return "{\"reason\":\"subscriber fell behind\",\"queue\":" + queueCapacity + ",\"dropped\":" + dropped + "}";
    }

    private static DefaultHttpContent sse(String text) {
        return new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    private static Set<String> values(QueryStringDecoder uri, String name) {
        Set<String> out = new HashSet<>();
        for (String v : uri.parameters().getOrDefault(name, List.of())) {
            Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        }
        return out;
    }
}
