package org.audiostream.fakes.realtime;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler: opens the {@link FakeRealtimeSession} once the upgrade completes (or sends the refusal
 * close), then hands it every whole text, binary and close frame. PING is answered by Netty's protocol handler;
 * PONG is dropped.
 *
 * <p>Threads: one instance per channel, on its event loop.
 */
final class RealtimeFrameHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(RealtimeFrameHandler.class);

    private final FakeRealtimeServer server;
    private FakeRealtimeSession session;

    RealtimeFrameHandler(FakeRealtimeServer server) {
        this.server = server;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof HandshakeComplete handshake)) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        Integer refuseWith = ctx.channel().attr(UpgradeGate.REFUSE_WITH).get();
        if (refuseWith != null) {
            ctx.writeAndFlush(new CloseWebSocketFrame(refuseWith, "")).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        session = server.register(ctx.channel(), handshake.requestUri(), handshake.requestHeaders());
        HandshakeCheck.Failure failure = HandshakeCheck.check(handshake.requestUri(), handshake.requestHeaders(),
                server.config());
        if (failure == null) {
            session.onOpen();
        } else {
            session.onRefused(failure);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (session == null) {
                return;
            }
            switch (msg) {
                case TextWebSocketFrame text -> session.onText(text.text());
                case BinaryWebSocketFrame ignored -> session.onBinary();
                case CloseWebSocketFrame close -> session.onCloseFrame(close.statusCode());
                default -> { }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null) {
            session.onClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("fake realtime: closing a connection after an unexpected error", cause);
        ctx.close();
    }
}
