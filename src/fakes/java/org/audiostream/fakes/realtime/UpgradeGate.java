package org.audiostream.fakes.realtime;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;

/**
 * Sits before the WebSocket handshake: counts every request for {@value #PATH}, answers other paths with 404,
 * and applies {@link FakeRealtimeServer#refuseNext}: HTTP 503 (code 0, or the connection limit), or a close
 * code that {@link RealtimeFrameHandler} sends right after the 101.
 *
 * <p>Threads: one instance per channel, on its event loop.
 */
final class UpgradeGate extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String PATH = "/v1/realtime";
    /** Close code to send right after the upgrade instead of opening a session. */
    static final AttributeKey<Integer> REFUSE_WITH = AttributeKey.valueOf("fakeRealtimeRefuseWith");

    private final FakeRealtimeServer server;

    UpgradeGate(FakeRealtimeServer server) {
        super(false); // a passed-on request is released by the handshake handler
        this.server = server;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!PATH.equals(new QueryStringDecoder(request.uri()).path())) {
            request.release();
            respond(ctx, HttpResponseStatus.NOT_FOUND, "Not found: the Realtime endpoint is " + PATH);
            return;
        }
        int refusal = server.onUpgradeAttempt();
        if (refusal == 0 || server.openConnections() > server.config().maxConnections()) {
            request.release();
            respond(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "Service unavailable (fake refusal)");
            return;
        }
        if (refusal > 0) {
            ctx.channel().attr(REFUSE_WITH).set(refusal);
        }
        ctx.fireChannelRead(request);
    }

    private static void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
