package org.audiostream.app.demo;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's user app: a WebSocket server speaking the mod_audio_stream protocol that plays every
 * audio frame it receives back to the caller after a short delay, as {@code streamAudio} JSON with
 * base64 L16, the way a real bot would answer. It reads the stream's sample rate from the
 * metadata ({@code {"sampleRate":16000}}), defaulting to 8000.
 *
 * <p>Threads: Netty event loop of the given group.
 */
public final class DemoEchoApp implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final long delayMs;
    private final Consumer<String> printer;
    private final AtomicLong framesEchoed = new AtomicLong();
    private Channel server;

    public DemoEchoApp(long delayMs, Consumer<String> printer) {
        this.delayMs = delayMs;
        this.printer = printer;
    }

    public DemoEchoApp start(EventLoopGroup group, InetSocketAddress bind) throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16),
                                new WebSocketServerProtocolHandler("/", null, false, 1 << 20),
                                new EchoHandler());
                    }
                })
                .bind(bind).sync().channel();
        return this;
    }

    public String url() {
        InetSocketAddress a = (InetSocketAddress) server.localAddress();
        return "ws://" + a.getHostString() + ":" + a.getPort() + "/";
    }

    public long framesEchoed() {
        return framesEchoed.get();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
    }

    private final class EchoHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
        private int sampleRate = 8000;
        private boolean sawMetadata;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame text) {
                String body = text.text();
                if (!sawMetadata) {
                    sawMetadata = true;
                    sampleRate = rateFrom(body);
                    printer.accept("demo app: metadata " + body);
                } else {
                    printer.accept("demo app: text " + body);
                }
            } else if (frame instanceof BinaryWebSocketFrame binary) {
                byte[] pcm = ByteBufUtil.getBytes(binary.content());
                String message = "{\"type\":\"streamAudio\",\"data\":{\"audioDataType\":\"raw\",\"sampleRate\":" + sampleRate
                        + ",\"audioData\":\"" + Base64.getEncoder().encodeToString(pcm) + "\"}}";
                ctx.executor().schedule(() -> {
                    if (ctx.channel().isActive()) {
                        ctx.writeAndFlush(new TextWebSocketFrame(message));
                        framesEchoed.incrementAndGet();
                    }
                }, delayMs, TimeUnit.MILLISECONDS);
            }
        }

        private int rateFrom(String metadata) {
            try {
                JsonNode node = JSON.readTree(metadata);
                return node.path("sampleRate").asInt(8000);
            } catch (RuntimeException notJson) {
                return 8000;
            }
        }
    }
}
