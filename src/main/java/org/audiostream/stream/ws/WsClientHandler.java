package org.audiostream.stream.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * Last stage of a WS client pipeline: hands handshake completion, server frames, errors, writability and
 * channel end to the {@link WsStreamClient}, tagged with the attempt's generation so that events of an
 * abandoned connection are ignored.
 *
 * <p>Threads: event-loop confined; one per channel, not {@code @Sharable}.
 */
final class WsClientHandler extends ChannelInboundHandlerAdapter {

    private final WsStreamClient client;
    private final int generation;

    WsClientHandler(WsStreamClient client, int generation) {
        this.client = client;
        this.generation = generation;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            client.onHandshakeComplete(generation);
        } else if (evt instanceof SslHandshakeCompletionEvent tls && !tls.isSuccess()) {
            client.onChannelError(generation, tls.cause());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof TextWebSocketFrame text) {
                client.onServerText(generation, text.text());
            } else if (msg instanceof BinaryWebSocketFrame binary) {
                client.onServerBinary(generation, binary.content());
            } else if (msg instanceof CloseWebSocketFrame close) {
                client.onServerClose(generation, close.statusCode(), close.reasonText());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            client.onWritable(generation);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        client.onChannelError(generation, cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        client.onChannelInactive(generation);
    }
}
