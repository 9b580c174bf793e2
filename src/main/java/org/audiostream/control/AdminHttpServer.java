package org.audiostream.control;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.audiostream.event.EventBus;
import org.audiostream.config.HostPort;
import org.audiostream.config.Secret;

/**
 * The admin HTTP server: {@code POST /api}, the {@code /v1/…} REST API and event stream (SSE and
 * WebSocket), {@code /metrics}, {@code /livez}, {@code /readyz}. Binds to loopback by default; when
 * a token is configured every request but the probes must carry {@code Authorization: Bearer}.
 *
 * <pre>
 * HttpServerCodec -> HttpObjectAggregator(1 MiB) -> AdminRequestHandler -> (SSE | WebSocket event stream)
 * </pre>
 *
 * <p>Threads: runs on the given event-loop group; {@link #start} and {@link #close} from any thread.
 */
public final class AdminHttpServer implements AutoCloseable {

    static final int MAX_REQUEST_BYTES = 1 << 20;
    static final long STREAM_END_TIMEOUT_MS = 2000;

    private final HostPort bind;
    private final Optional<Secret> token;
    private final AdminApi api;
    private final EventBus events;
    private final EventLoopGroup group;
    private final ChannelGroup connections = new DefaultChannelGroup("admin-http", GlobalEventExecutor.INSTANCE);
    private Channel channel;

    public AdminHttpServer(HostPort bind, Optional<Secret> token, AdminApi api, EventBus events, EventLoopGroup group) {
        this.bind = bind;
        this.token = token;
        this.api = api;
        this.events = events;
        this.group = group;
    }

    public AdminHttpServer start() throws InterruptedException {
        channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline()
                                .addLast("httpServerCodec", new HttpServerCodec())
                                .addLast("httpObjectAggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                .addLast("adminRequestHandler", new AdminRequestHandler(api, events, token));
                    }
                })
                .bind(bind.toSocketAddress()).sync().channel();
        return this;
    }

    /** The bound address (the real port when configured with port 0). */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Stops taking connections; event streams stay open until {@link #close}. */
    public void stopListening() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
    }

    /**
     * Stops listening, ends every event stream cleanly after the events already written to it (up to
     * {@value #STREAM_END_TIMEOUT_MS} ms), and closes every other connection.
     */
    @Override
    public void close() {
        stopListening();
        List<ChannelFuture> ending = new ArrayList<>();
        connections.stream().filter(EventStreamHandler::isEventStream).forEach(ch -> ending.add(EventStreamHandler.end(ch)));
        ending.forEach(f -> f.awaitUninterruptibly(STREAM_END_TIMEOUT_MS));
        connections.close().awaitUninterruptibly();
    }
}
