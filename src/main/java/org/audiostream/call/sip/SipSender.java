package org.audiostream.call.sip;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import org.audiostream.observe.RateLimitedLog;

/**
 * Puts messages on the wire: UDP from our listening socket; TCP on the connection a request came
 * in on when it is still open (RFC 3261 §18.2.2), else on any open connection to the address, else
 * on a new connection (responses and our requests alike). Tracks open TCP connections. Failed
 * TCP connects are logged at most once per {@value #CONNECT_FAILURE_LOG_INTERVAL_SECONDS} s (each
 * message to a dead peer tries again).
 * Threads: confined to the SIP event loop.
 */
final class SipSender {

    private static final Log LOG = Log.of(Component.SIP);
    static final int CONNECT_FAILURE_LOG_INTERVAL_SECONDS = 5;

    private final RateLimitedLog connectFailureLog = new RateLimitedLog(CONNECT_FAILURE_LOG_INTERVAL_SECONDS,
            TimeUnit.SECONDS);

    private final Map<InetSocketAddress, Channel> connections = new HashMap<>();
    private final Map<InetSocketAddress, ChannelFuture> connecting = new HashMap<>();
    private Channel udp;
    private Bootstrap tcpClient;

    void udpChannel(Channel udp) {
        this.udp = udp;
    }

    void tcpClient(Bootstrap tcpClient) {
        this.tcpClient = tcpClient;
    }

    void connectionOpened(Channel ch) {
        if (ch.remoteAddress() instanceof InetSocketAddress a) {
            connections.put(a, ch);
        }
    }

    void connectionClosed(Channel ch) {
        if (ch.remoteAddress() instanceof InetSocketAddress a) {
            connections.remove(a, ch);
        }
    }

    int connectionCount() {
        return connections.size();
    }

    /**
     * Sends {@code msg}; {@code onError} (may be null) hears about a failed write or connect.
     */
    void send(SipMessage msg, SipDestination dest, Consumer<Throwable> onError) {
        if (dest.transport() == SipTransportType.UDP) {
            Channel ch = dest.channel() != null ? dest.channel() : udp;
            if (ch == null || dest.address() == null) {
                fail(onError, new IllegalStateException("no UDP socket or destination for " + msg.startLine()));
                return;
            }
            ch.writeAndFlush(new DatagramPacket(SipMessageWriter.encode(msg, ch.alloc()), dest.address()))
                    .addListener(f -> {
                        if (!f.isSuccess()) {
                            fail(onError, f.cause());
                        }
                    });
            return;
        }
        Channel ch = dest.channel() != null && dest.channel().isActive() ? dest.channel() : connections.get(dest.address());
        if (ch != null && ch.isActive()) {
            write(ch, msg, onError);
        } else if (tcpClient == null || dest.address() == null) {
            fail(onError, new IllegalStateException("no TCP connection to " + dest.address() + " for " + msg.startLine()));
        } else {
            connect(dest.address()).addListener((ChannelFuture f) -> {
                if (f.isSuccess()) {
                    write(f.channel(), msg, onError);
                } else {
                    long suppressed = connectFailureLog.tryAcquire(System.nanoTime());
                    if (suppressed >= 0) {
                        LOG.warn(null, "tcp_connect", "failed", "remote", dest.address(), "error", f.cause().toString(),
                                "suppressed", suppressed);
                    }
                    fail(onError, f.cause());
                }
            });
        }
    }

    private ChannelFuture connect(InetSocketAddress address) {
        ChannelFuture pending = connecting.get(address);
        if (pending != null) {
            return pending;
        }
        ChannelFuture f = tcpClient.connect(address);
        connecting.put(address, f);
        f.addListener(done -> connecting.remove(address, f));
        return f;
    }

    private static void write(Channel ch, SipMessage msg, Consumer<Throwable> onError) {
        ch.writeAndFlush(SipMessageWriter.encode(msg, ch.alloc())).addListener(f -> {
            if (!f.isSuccess()) {
                fail(onError, f.cause());
            }
        });
    }

    private static void fail(Consumer<Throwable> onError, Throwable cause) {
        if (onError != null) {
            onError.accept(cause);
        } else {
            LOG.debug(null, "send", "failed", "error", cause.toString());
        }
    }
}
