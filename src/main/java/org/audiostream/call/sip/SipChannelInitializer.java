package org.audiostream.call.sip;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Pipeline of a SIP TCP connection, accepted or opened by us:
 * IdleStateHandler (close after {@code tcpIdleTimeout}) → SipStreamDecoder (framing, caps) →
 * SipInboundHandler (dispatch). Outgoing messages are encoded by {@link SipSender} directly.
 * Threads: runs on the SIP event loop when a connection registers.
 */
final class SipChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final SipUasConfig config;
    private final SipInboundHandler inbound;

    SipChannelInitializer(SipUasConfig config, SipInboundHandler inbound) {
        this.config = config;
        this.inbound = inbound;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast("idleStateHandler", new IdleStateHandler(0, 0, config.tcpIdleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast("sipStreamDecoder", new SipStreamDecoder(config.limits()))
                .addLast("sipInboundHandler", inbound);
    }
}
