package org.audiostream.call.sip;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.audiostream.net.ConnectionLimiter;
import org.audiostream.net.MessageDeadline;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import org.audiostream.observe.SecurityEvent;

/**
 * The SIP user agent server: UDP and TCP listeners on one address and port, the transaction and
 * dialog layers, and the calls, talking to the session layer through {@link CallHandler}.
 * Admission control ({@code maxSessions}, and the session layer's {@link CallHandler#refusal})
 * and drain mode answer INVITE and OPTIONS with 503 and Retry-After; so does an untrusted source's
 * INVITE over {@code inviteRate}. TCP connections are limited in total and per source, and a message
 * must be complete within {@code tcpMessageTimeout}. {@link #close()} ends every call with BYE ({@link HangupCause#SYSTEM_SHUTDOWN}),
 * waits up to {@code shutdownTimeout} for the BYEs, then stops its thread.
 * Threads: all SIP processing runs on one Netty event loop thread ({@code sip-uas-*}) that this
 * object owns — single-threaded by design: no locks, and SIP signalling for hundreds of calls is
 * far below one core. The public methods are thread-safe.
 */
public final class SipUas implements AutoCloseable {

    private static final Log LOG = Log.of(Component.SIP);
    /** Largest UDP payload (65535 - 8 UDP - 20 IPv4 header octets). */
    private static final int MAX_DATAGRAM = 65_507;

    private final SipUasConfig config;
    private final CallHandler handler;
    private final SipCounters counters = new SipCounters();
    private EventLoopGroup group;
    private UasContext ctx;
    private Channel udp;
    private Channel tcp;
    private boolean closed;

    public SipUas(SipUasConfig config, CallHandler handler) {
        this.config = config;
        this.handler = handler;
    }

    /** Binds the listeners; throws {@link IllegalStateException} naming the address when that fails. */
    public synchronized void start() {
        if (group != null) {
            throw new IllegalStateException("SipUas already started");
        }
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("sip-uas"), NioIoHandler.newFactory());
        SipSender sender = new SipSender();
        ctx = new UasContext(config, group.next(), counters, sender, handler);
        SipInboundHandler inbound = new SipInboundHandler(ctx, new UasDispatcher(ctx));
        SipChannelInitializer tcpInit = new SipChannelInitializer(config, inbound,
                new ConnectionLimiter("sip_tcp", config.tcpMaxConnections(), config.tcpMaxConnectionsPerSource(),
                        SecurityEvent.SIP_CONNECTION_REFUSED, Component.SIP),
                new MessageDeadline.Expiry("sip_tcp", config.tcpMessageTimeout(), SecurityEvent.SIP_MESSAGE_TIMEOUT, Component.SIP));
        int port = config.port();
        try {
            if (config.udp()) {
                udp = new Bootstrap().group(ctx.loop).channel(NioDatagramChannel.class)
                        .option(ChannelOption.AUTO_READ, false)
                        .option(ChannelOption.SO_RCVBUF, 1 << 20)
                        // Netty's default reads 2048 octets per datagram and truncates the rest.
                        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                        .handler(new ChannelInitializer<DatagramChannel>() {
                            @Override
                            protected void initChannel(DatagramChannel ch) {
                                ch.pipeline().addLast("sipDatagramDecoder", new SipDatagramDecoder(config.limits()))
                                        .addLast("sipInboundHandler", inbound);
                            }
                        })
                        .bind(config.bindHost(), port).sync().channel();
                port = ((InetSocketAddress) udp.localAddress()).getPort();
                sender.udpChannel(udp);
            }
            if (config.tcp()) {
                tcp = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                        .option(ChannelOption.AUTO_READ, false)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childHandler(tcpInit)
                        .bind(config.bindHost(), port).sync().channel();
                port = ((InetSocketAddress) tcp.localAddress()).getPort();
                sender.tcpClient(new Bootstrap().group(ctx.loop).channel(NioSocketChannel.class)
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
                        .option(ChannelOption.TCP_NODELAY, true)
                        .handler(tcpInit));
            }
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
            throw new IllegalStateException("SIP listener bind failed: sip.bind=" + config.bindHost() + ":" + port
                    + " (udp=" + config.udp() + ", tcp=" + config.tcp() + "): " + e, e);
        }
        ctx.localPort = port;
        for (Channel ch : new Channel[] {udp, tcp}) {
            if (ch != null) {
                ch.config().setAutoRead(true);
            }
        }
        LOG.notice(null, "start", "ok", "bind", config.bindHost() + ":" + port, "udp", config.udp(), "tcp", config.tcp(),
                "advertised", config.contactHost(), "max_sessions", config.maxSessions(), "t1_ms",
                config.timers().t1Millis());
    }

    /** The bound address (the port is the actual one when configured as 0). */
    public InetSocketAddress localAddress() {
        return new InetSocketAddress(config.bindHost(), ctx.localPort);
    }

    /** In drain mode new INVITEs and OPTIONS get 503 + Retry-After; existing calls continue. */
    public void setDraining(boolean draining) {
        ctx.draining = draining;
        // DEBUG: whoever drains (the gateway) logs the drain at NOTICE
        LOG.debug(null, "drain", draining ? "on" : "off", "live_calls", liveCalls());
    }

    public boolean isDraining() {
        return ctx.draining;
    }

    /** Calls that have not ended. */
    public int liveCalls() {
        return ctx.calls.live();
    }

    public SipCounters counters() {
        return counters;
    }

    /** A live call by its session uuid. */
    public Optional<SipCall> call(UUID uuid) {
        return Optional.ofNullable(ctx.calls.byUuid(uuid));
    }

    /** Dialogs still tracked (ended calls stay until their BYE completes); for leak checks. */
    int dialogCount() {
        return onLoop(ctx.calls::dialogs);
    }

    /** Server plus client transactions alive; for leak checks. */
    int transactionCount() {
        return onLoop(() -> ctx.transactions.serverCount() + ctx.transactions.clientCount());
    }

    int tcpConnectionCount() {
        return onLoop(ctx.sender::connectionCount);
    }

    /**
     * Ends every call, waits up to {@code shutdownTimeout} for the BYEs, stops the thread. Must not
     * be called on the SIP event loop (for instance from a {@link CallHandler} callback).
     */
    @Override
    public synchronized void close() {
        if (group == null || closed) {
            return;
        }
        if (ctx.loop.inEventLoop()) {
            throw new IllegalStateException("SipUas.close() called on its own event loop; call it from another thread");
        }
        closed = true;
        int live = liveCalls();
        onLoop(() -> {
            for (UasCall call : ctx.calls.all()) {
                call.hangup(HangupCause.SYSTEM_SHUTDOWN, "service shutting down");
            }
            return null;
        });
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        while (System.nanoTime() < deadline && (dialogCount() > 0 || onLoop(ctx.transactions::clientCount) > 0)) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        onLoop(() -> {
            ctx.resolver.close();
            return null;
        });
        // Closed explicitly: a group shutdown alone left the TCP listener open in 6 of 8 start/close cycles.
        for (Channel ch : new Channel[] {udp, tcp}) {
            if (ch != null) {
                ch.close().syncUninterruptibly();
            }
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        int dialogsLeft = ctx.calls.dialogs();
        if (dialogsLeft == 0) {
            LOG.notice(null, "stop", "ok", "calls_ended", live, "dialogs_left", dialogsLeft);
        } else {
            LOG.warn(null, "stop", "incomplete", "calls_ended", live, "dialogs_left", dialogsLeft,
                    "shutdown_timeout_ms", config.shutdownTimeout().toMillis());
        }
    }

    private <T> T onLoop(Callable<T> task) {
        try {
            return ctx.loop.submit(task).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the SIP event loop", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("SIP event loop task failed", e.getCause());
        }
    }
}
