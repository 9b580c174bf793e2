package org.audiostream.stream.ws;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * What all WS clients of the process share: the event loops, the resolver, the breakers, the TLS contexts
 * and the clock. Threads: immutable; its parts are thread-safe.
 *
 * @param group the shared event loops; each client sticks to one of them
 * @param channelType the socket channel class matching {@code group}'s transport
 * @param resolver name resolution; {@link DefaultAddressResolverGroup} blocks the event loop on DNS, so
 *     production should pass a {@code DnsAddressResolverGroup}
 * @param nanoClock monotonic nanoseconds (reconnect budget reset)
 * @param totals the connection counters of every client, for metrics
 * @param wakeups how the event loops learn that audio is queued: per frame, or once per media-clock tick
 */
public record WsClientResources(EventLoopGroup group, Class<? extends SocketChannel> channelType,
        AddressResolverGroup<InetSocketAddress> resolver, TargetBreakers breakers, WsTlsContexts tlsContexts,
        LongSupplier nanoClock, WsTotals totals, DrainWakeups wakeups) {

    /** Frames wake their event loop one by one ({@link DrainWakeups#IMMEDIATE}). */
    public WsClientResources(EventLoopGroup group, Class<? extends SocketChannel> channelType,
            AddressResolverGroup<InetSocketAddress> resolver, TargetBreakers breakers, WsTlsContexts tlsContexts,
            LongSupplier nanoClock, WsTotals totals) {
        this(group, channelType, resolver, breakers, tlsContexts, nanoClock, totals, DrainWakeups.IMMEDIATE);
    }

    public WsClientResources {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(channelType, "channelType");
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(breakers, "breakers");
        Objects.requireNonNull(tlsContexts, "tlsContexts");
        Objects.requireNonNull(nanoClock, "nanoClock");
        Objects.requireNonNull(totals, "totals");
        Objects.requireNonNull(wakeups, "wakeups");
    }

    /** The same event loops, resolver, TLS contexts, clock and wake-ups, with breakers and totals of its own. */
    public WsClientResources withBreakers(TargetBreakers otherBreakers) {
        return new WsClientResources(group, channelType, resolver, otherBreakers, tlsContexts, nanoClock, new WsTotals(),
                wakeups);
    }

    /** The same, with {@code otherWakeups} (e.g. {@link DrainWakeups#perTick()}, woken by the media clock). */
    public WsClientResources withWakeups(DrainWakeups otherWakeups) {
        return new WsClientResources(group, channelType, resolver, breakers, tlsContexts, nanoClock, totals, otherWakeups);
    }

    /**
     * NIO sockets, Netty's non-blocking DNS resolver (reads {@code /etc/hosts} and {@code /etc/resolv.conf}),
     * a new TLS context cache, the system clock. Close {@link #resolver()} at shutdown.
     */
    public static WsClientResources nioWithDns(EventLoopGroup group, TargetBreakers breakers) {
        DnsAddressResolverGroup dns = new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                .datagramChannelType(NioDatagramChannel.class)
                .socketChannelType(NioSocketChannel.class));
        return new WsClientResources(group, NioSocketChannel.class, dns, breakers, new WsTlsContexts(),
                System::nanoTime, new WsTotals());
    }

    /** NIO sockets, the JDK resolver (blocks the event loop on DNS), new TLS context cache, system clock. */
    public static WsClientResources of(EventLoopGroup group, TargetBreakers breakers) {
        return new WsClientResources(group, NioSocketChannel.class, DefaultAddressResolverGroup.INSTANCE, breakers,
                new WsTlsContexts(), System::nanoTime, new WsTotals());
    }
}
