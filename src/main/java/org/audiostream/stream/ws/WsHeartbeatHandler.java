package org.audiostream.stream.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Heartbeat ({@code STREAM_HEART_BEAT}): once the upgrade completes, sends a ping every interval carrying an
 * 8-byte sequence number; a ping left without a pong for the pong timeout raises
 * {@link WsErrorCode#PING_TIMEOUT} through {@code exceptionCaught}. Pongs are consumed here.
 *
 * <p>Threads: event-loop confined; one per channel, not {@code @Sharable}.
 */
final class WsHeartbeatHandler extends ChannelInboundHandlerAdapter {

    private final long intervalNanos;
    private final long pongTimeoutNanos;
    private final WsStreamCounters counters;

    private ScheduledFuture<?> pingTask;
    private ScheduledFuture<?> timeoutTask;
    private long sequence;
    private boolean awaitingPong;

    WsHeartbeatHandler(long intervalNanos, long pongTimeoutNanos, WsStreamCounters counters) {
        this.intervalNanos = intervalNanos;
        this.pongTimeoutNanos = pongTimeoutNanos;
        this.counters = counters;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE && pingTask == null) {
            pingTask = ctx.executor().scheduleAtFixedRate(() -> ping(ctx), intervalNanos, intervalNanos,
                    TimeUnit.NANOSECONDS);
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof PongWebSocketFrame) {
            ReferenceCountUtil.release(msg);
            counters.pongsReceived.incrementAndGet();
            awaitingPong = false;
            if (timeoutTask != null) {
                timeoutTask.cancel(false);
                timeoutTask = null;
            }
            return;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    private void ping(ChannelHandlerContext ctx) {
        if (awaitingPong || !ctx.channel().isActive()) {
            return; // the pending timeout decides
        }
        awaitingPong = true;
        counters.pingsSent.incrementAndGet();
        ctx.writeAndFlush(new PingWebSocketFrame(ctx.alloc().buffer(8).writeLong(++sequence)));
        timeoutTask = ctx.executor().schedule(() -> {
            if (awaitingPong) {
                ctx.fireExceptionCaught(new WsFailure(WsErrorCode.PING_TIMEOUT, "WS pong timeout: no pong within "
                        + TimeUnit.NANOSECONDS.toMillis(pongTimeoutNanos) + " ms of ping " + sequence));
            }
        }, pongTimeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (pingTask != null) {
            pingTask.cancel(false);
        }
        if (timeoutTask != null) {
            timeoutTask.cancel(false);
        }
    }
}
