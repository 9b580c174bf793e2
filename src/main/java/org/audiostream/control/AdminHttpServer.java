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
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.audiostream.config.HostPort;
import org.audiostream.config.Secret;
import org.audiostream.event.EventBus;
import org.audiostream.net.ConnectionLimiter;
import org.audiostream.net.MessageDeadline;
import org.audiostream.observe.Component;
import org.audiostream.observe.SecurityEvent;

/**
 * The admin HTTP server: {@code POST /api}, the {@code /v1/…} REST API and event stream (SSE and
 * WebSocket), {@code /metrics}, {@code /livez}, {@code /readyz}. Binds to loopback by default; when
 * a token is configured every request but the probes must carry {@code Authorization: Bearer}.
 * Connections are limited in total and per source ({@link AdminLimits}); a request must be complete in
 * time, and a connection idle too long is closed (event streams excepted, which are bounded by
 * {@link EventStreams} instead).
 *
 * <pre>
 * RequestStarted -> HttpServerCodec -> HttpObjectAggregator(1 MiB) -> IdleStateHandler -> AdminRequestHandler
 *     -> (SSE | WebSocket event stream)
 * </pre>
 *
 * <p>Threads: runs on the given event-loop group; {@link #start} and {@link #close} from any thread.
 */
public final class AdminHttpServer implements AutoCloseable {

    static final int MAX_REQUEST_BYTES = 1 << 20;
    /** Pipeline names of the stages an event stream removes: it is long-lived and one-way. */
    static final String REQUEST_STARTED = "requestStarted";
    static final String IDLE = "idleStateHandler";
    static final long STREAM_END_TIMEOUT_MS = 2000;

    private final HostPort bind;
    private final Optional<Secret> token;
    private final AdminApi api;
    private final EventBus events;
    private final EventLoopGroup group;
    private final AdminLimits limits;
    private final ChannelGroup connections = new DefaultChannelGroup("admin-http", GlobalEventExecutor.INSTANCE);
    private final ConnectionLimiter limiter;
    private final MessageDeadline.Expiry requestExpiry;
    private final EventStreams streams;
    private Channel channel;

    /** A server with the default {@link AdminLimits}. */
    public AdminHttpServer(HostPort bind, Optional<Secret> token, AdminApi api, EventBus events, EventLoopGroup group) {
        this(bind, token, api, events, group, AdminLimits.DEFAULT);
    }

    public AdminHttpServer(HostPort bind, Optional<Secret> token, AdminApi api, EventBus events, EventLoopGroup group,
                           AdminLimits limits) {
        this.bind = bind;
        this.token = token;
        this.api = api;
        this.events = events;
        this.group = group;
        this.limits = limits;
        this.limiter = new ConnectionLimiter("admin_http", limits.maxConnections(), limits.maxConnectionsPerSource(),
                SecurityEvent.HTTP_CONNECTION_REFUSED, Component.API);
        this.requestExpiry = new MessageDeadline.Expiry("admin_http", limits.requestTimeout(), SecurityEvent.HTTP_TIMEOUT,
                Component.API);
        this.streams = new EventStreams(events, limits.maxEventStreams(), limits.eventStreamQueue());
    }

    public AdminHttpServer start() throws InterruptedException {
        channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (!limiter.admit(ch)) {
                            return;
                        }
                        connections.add(ch);
                        MessageDeadline deadline = new MessageDeadline(requestExpiry);
                        ch.pipeline()
                                .addLast(REQUEST_STARTED, new RequestStarted(deadline))
                                .addLast("httpServerCodec", new HttpServerCodec())
                                .addLast("httpObjectAggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                .addLast(IDLE, new IdleStateHandler(0, 0, limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                                .addLast("adminRequestHandler", new AdminRequestHandler(api, streams, token, deadline));
                    }
                })
                .bind(bind.toSocketAddress()).sync().channel();
        return this;
    }

    /** Connections open now. */
    public int openConnections() {
        return limiter.open();
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
        for (Channel ch : connections) {
            EventStreamSubscriber stream = ch.pipeline().get(EventStreamSubscriber.class);
            if (stream != null) {
                ending.add(stream.end());
            }
        }
        ending.forEach(f -> f.awaitUninterruptibly(STREAM_END_TIMEOUT_MS));
        connections.close().awaitUninterruptibly();
    }
}
