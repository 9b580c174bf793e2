package org.audiostream.call.sip;

import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import org.audiostream.observe.RateLimitedLog;

/**
 * Finds where an in-dialog request goes: the next hop's transport (its {@code transport}
 * parameter, else the transport the dialog arrived on), host and port (5060 by default). IP
 * literals need no lookup; host names are resolved to A/AAAA records without blocking, by a
 * Netty DNS resolver created on first use. RFC 3263 NAPTR/SRV lookups are not done. When a name
 * does not resolve, or the target is not a SIP URI, the request goes to the address the dialog
 * came from, which is right for peers behind a proxy or NAT and is logged (at most once per
 * {@value #FALLBACK_LOG_INTERVAL_SECONDS} s per UAS: every in-dialog request of every call may hit it).
 * Threads: confined to the SIP event loop.
 */
final class SipTargetResolver implements AutoCloseable {

    private static final Log LOG = Log.of(Component.SIP);
    static final int FALLBACK_LOG_INTERVAL_SECONDS = 5;

    private final UasContext ctx;
    private final RateLimitedLog fallbackLog = new RateLimitedLog(FALLBACK_LOG_INTERVAL_SECONDS, TimeUnit.SECONDS);
    private DnsNameResolver dns;

    SipTargetResolver(UasContext ctx) {
        this.ctx = ctx;
    }

    /** Finds the destination of the next request in {@code dialog} (of the call {@code sessionUuid}). */
    void resolve(SipDialog dialog, String sessionUuid, Consumer<SipDestination> then) {
        Uri hop = dialog.nextHop();
        if (!(hop instanceof SipUri uri)) {
            then.accept(flow(dialog, sessionUuid, "next hop " + hop + " is not a SIP URI"));
            return;
        }
        SipTransportType transport = "tcp".equals(uri.transport()) ? SipTransportType.TCP
                : "udp".equals(uri.transport()) ? SipTransportType.UDP : dialog.transport;
        int port = uri.port() > 0 ? uri.port() : 5060;
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(uri.hostAddress());
        if (literal != null) {
            then.accept(destination(dialog, transport, address(literal, port)));
            return;
        }
        if (dns == null) {
            dns = new DnsNameResolverBuilder(ctx.loop).datagramChannelType(NioDatagramChannel.class).build();
        }
        dns.resolve(uri.hostAddress()).addListener(f -> {
            if (f.isSuccess()) {
                then.accept(destination(dialog, transport, new InetSocketAddress((InetAddress) f.getNow(), port)));
            } else {
                then.accept(flow(dialog, sessionUuid, "host " + uri.hostAddress() + " did not resolve: " + f.cause()));
            }
        });
    }

    private static SipDestination destination(SipDialog dialog, SipTransportType transport, InetSocketAddress address) {
        return new SipDestination(transport, address, transport == SipTransportType.TCP ? dialog.flowChannel : null);
    }

    private SipDestination flow(SipDialog dialog, String sessionUuid, String why) {
        long suppressed = fallbackLog.tryAcquire(System.nanoTime());
        if (suppressed >= 0) {
            LOG.warn(sessionUuid, "target_resolve", "fallback_to_flow", "call_id", dialog.callId, "flow",
                    dialog.flowAddress, "reason", why, "suppressed", suppressed);
        }
        return new SipDestination(dialog.transport, dialog.flowAddress, dialog.flowChannel);
    }

    private static InetSocketAddress address(byte[] raw, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(raw), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("unreachable: raw address of length " + raw.length, e);
        }
    }

    @Override
    public void close() {
        if (dns != null) {
            dns.close();
        }
    }
}
