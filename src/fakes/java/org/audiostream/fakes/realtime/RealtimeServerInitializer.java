package org.audiostream.fakes.realtime;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;

/**
 * The pipeline of one fake Realtime connection:
 *
 * <pre>
 * HttpServerCodec → HttpObjectAggregator(16 KiB) → UpgradeGate → WebSocketServerCompressionHandler
 *   → WebSocketServerProtocolHandler(/v1/realtime, handshake, PING→PONG) → WebSocketFrameAggregator
 *   → RealtimeFrameHandler
 * </pre>
 *
 * <p>Limits: one client message (a frame, or fragments aggregated, or inflated) is at most
 * {@link #MAX_MESSAGE_BYTES}, enough for an append of {@link FakeRealtimeConfig#MAX_APPEND_BYTES} in base64;
 * past it Netty closes with 1009. The service offers permessage-deflate, so does the fake.
 *
 * <p>Threads: shared by all connections; stateless.
 */
final class RealtimeServerInitializer extends ChannelInitializer<SocketChannel> {

    static final int MAX_MESSAGE_BYTES = FakeRealtimeConfig.MAX_APPEND_BYTES / 3 * 4 + 64 * 1024;
    private static final int MAX_REQUEST_BYTES = 16 * 1024;

    private final FakeRealtimeServer server;

    RealtimeServerInitializer(FakeRealtimeServer server) {
        this.server = server;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(UpgradeGate.PATH)
                .checkStartsWith(true)
                .handleCloseFrames(false)
                .sendCloseFrame(null) // a drop must reach the client as a bare TCP close (1006)
                .dropPongFrames(true)
                .handshakeTimeoutMillis(10_000)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(MAX_MESSAGE_BYTES)
                        .allowExtensions(true)
                        .build())
                .build();
        ch.pipeline().addLast(
                new HttpServerCodec(),
                new HttpObjectAggregator(MAX_REQUEST_BYTES),
                new UpgradeGate(server),
                new WebSocketServerCompressionHandler(MAX_MESSAGE_BYTES),
                new WebSocketServerProtocolHandler(ws),
                new WebSocketFrameAggregator(MAX_MESSAGE_BYTES),
                new RealtimeFrameHandler(server));
        server.onConnectionOpened(ch);
    }
}
