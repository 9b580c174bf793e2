package org.audiostream.control;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.audiostream.event.Event;
import org.audiostream.event.EventBus;
import org.audiostream.event.EventFilter;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;

/**
 * {@code GET /v1/events}: a live event stream, as Server-Sent Events or, when the request asks to
 * upgrade, as a WebSocket of JSON text frames. Filters: {@code ?subclass=a,b} (a value ending in
 * {@code ::} matches a family, e.g. {@code mod_audio_stream::}) and {@code ?uuid=…}. A subscriber
 * whose connection cannot take more (not writable) loses events, counted, instead of slowing others.
 *
 * <p>At shutdown {@link #end} finishes a stream cleanly after everything already written: the SSE response
 * gets its last chunk, the WebSocket a 1001 close frame; the connection closes once that is flushed.
 *
 * <p>Threads: events arrive on the bus's dispatcher thread and are written through the channel,
 * which hops to its event loop.
 */
final class EventStreamHandler {

    private static final Log LOG = Log.of(Component.API);

    /** Marks a channel that carries an event stream, and how to end it. */
    static final AttributeKey<Boolean> WEBSOCKET_STREAM = AttributeKey.valueOf("eventStreamWebSocket");

    private EventStreamHandler() {}

    /** Whether {@code ch} carries an event stream. */
    static boolean isEventStream(Channel ch) {
        return ch.hasAttr(WEBSOCKET_STREAM);
    }

    /** Ends the stream on {@code ch} after what was written before; the returned future completes when closed. */
    static ChannelFuture end(Channel ch) {
        Object last = Boolean.TRUE.equals(ch.attr(WEBSOCKET_STREAM).get())
                ? new CloseWebSocketFrame(1001, "server shutting down") : LastHttpContent.EMPTY_LAST_CONTENT;
        ch.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
        return ch.closeFuture();
    }

    static void attach(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder uri, EventBus bus) {
        EventFilter filter = new EventFilter(values(uri, "subclass"), values(uri, "uuid"));
        Channel ch = ctx.channel();
        AtomicLong dropped = new AtomicLong();
        if (req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            String url = "ws://" + req.headers().get(HttpHeaderNames.HOST, "localhost") + uri.path();
            WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(url, null, false).newHandshaker(req);
            if (handshaker == null) {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ch);
                return;
            }
            handshaker.handshake(ch, req).addListener(f -> {
                if (!f.isSuccess()) {
                    return;
                }
                ctx.pipeline().replace(ctx.handler(), "eventStreamWebSocket", new WebSocketControl(handshaker));
                ch.attr(WEBSOCKET_STREAM).set(true);
                subscribe(ch, bus, filter, event -> ch.writeAndFlush(new TextWebSocketFrame(EventJson.encode(event))), dropped);
            });
            return;
        }
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        HttpUtil.setTransferEncodingChunked(head, true);
        ch.writeAndFlush(head);
        ch.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(": audio-stream events\n\n", StandardCharsets.UTF_8)));
        ch.attr(WEBSOCKET_STREAM).set(false);
        subscribe(ch, bus, filter, event -> ch.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(
                "event: " + event.subclass() + "\ndata: " + EventJson.encode(event) + "\n\n", StandardCharsets.UTF_8))), dropped);
    }

    private static void subscribe(Channel ch, EventBus bus, EventFilter filter, Consumer<Event> write, AtomicLong dropped) {
        EventBus.Subscription sub = bus.subscribe(filter, event -> {
            if (ch.isWritable()) {
                write.accept(event);
            } else {
                dropped.incrementAndGet();
            }
        });
        ch.closeFuture().addListener(f -> {
            sub.close();
            if (dropped.get() > 0) {
                LOG.warn(null, "event_stream", "closed", "remote", ch.remoteAddress(), "events_dropped", dropped.get());
            }
        });
    }

    private static Set<String> values(QueryStringDecoder uri, String name) {
        Set<String> out = new HashSet<>();
        for (String v : uri.parameters().getOrDefault(name, List.of())) {
            Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        }
        return out;
    }

    /** After the upgrade: answers pings and closes; the stream is one-way. */
    private static final class WebSocketControl extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final WebSocketServerHandshaker handshaker;

        WebSocketControl(WebSocketServerHandshaker handshaker) {
            this.handshaker = handshaker;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof CloseWebSocketFrame close) {
                handshaker.close(ctx.channel(), close.retain());
            } else if (frame instanceof PingWebSocketFrame ping) {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            }
        }
    }
}
