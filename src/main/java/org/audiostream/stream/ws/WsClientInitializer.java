package org.audiostream.stream.ws;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

/**
 * The WS client pipeline, top to bottom:
 * [SslHandler] → HttpClientCodec → HttpObjectAggregator (upgrade response) →
 * [WebSocketClientCompressionHandler] → WebSocketClientProtocolHandler (RFC 6455 upgrade, masking, close
 * frames passed on) → WebSocketFrameAggregator (continuations) → [WsHeartbeatHandler] → WsClientHandler.
 *
 * <p>Threads: runs once per channel on its event loop; one instance per connection attempt.
 */
final class WsClientInitializer extends ChannelInitializer<SocketChannel> {

    private static final int MAX_UPGRADE_RESPONSE_BYTES = 64 * 1024;

    private final WsClientConfig config;
    private final SslContext sslContext;
    private final WsStreamClient client;
    private final WsStreamCounters counters;
    private final int generation;

    WsClientInitializer(WsClientConfig config, SslContext sslContext, WsStreamClient client,
            WsStreamCounters counters, int generation) {
        this.config = config;
        this.sslContext = sslContext;
        this.client = client;
        this.counters = counters;
        this.generation = generation;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        WsUrl url = config.url();
        if (sslContext != null) {
            SslHandler ssl = sslContext.newHandler(ch.alloc(), url.socketHost(), url.port());
            ssl.setHandshakeTimeoutMillis(config.connectTimeout().toMillis());
            p.addLast(ssl);
        }
        p.addLast(new HttpClientCodec());
        p.addLast(new HttpObjectAggregator(MAX_UPGRADE_RESPONSE_BYTES));
        if (config.deflate()) {
            p.addLast(new WebSocketClientCompressionHandler(config.maxInboundMessageBytes()));
        }
        HttpHeaders headers = new DefaultHttpHeaders();
        config.extraHeaders().forEach(headers::add);
        p.addLast(new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(url.toUri())
                .allowExtensions(config.deflate())
                .customHeaders(headers)
                .maxFramePayloadLength(config.maxInboundMessageBytes())
                .handleCloseFrames(false)
                .sendCloseFrame(null)
                .dropPongFrames(false)
                .generateOriginHeader(false)
                // the JSON parser reads every text message anyway (a malformed one is rejected and reported);
                // validating its UTF-8 first cost about a tenth of the event loop's time at scale (BM-19 profile)
                .withUTF8Validator(false)
                // our own attempt deadline (connectTimeout) fires first; this is a backstop
                .handshakeTimeoutMillis(2 * config.connectTimeout().toMillis())
                .forceCloseTimeoutMillis(config.closeTimeout().toMillis())
                .build()));
        p.addLast(new WebSocketFrameAggregator(config.maxInboundMessageBytes()));
        if (config.heartbeatEnabled()) {
            p.addLast(new WsHeartbeatHandler(config.heartbeatInterval().toNanos(), config.pongTimeout().toNanos(),
                    counters));
        }
        p.addLast(new WsClientHandler(client, generation));
    }
}
