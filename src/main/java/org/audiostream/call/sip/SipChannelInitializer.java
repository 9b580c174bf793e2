package org.audiostream.call.sip;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.audiostream.net.ConnectionLimiter;
import org.audiostream.net.MessageDeadline;

/**
 * Pipeline of a SIP TCP connection, accepted or opened by us:
 * IdleStateHandler (close after {@code tcpIdleTimeout}) → SipStreamDecoder (framing, caps, the
 * deadline of a started message) → SipInboundHandler (dispatch). Outgoing messages are encoded by
 * {@link SipSender} directly. An accepted connection over the connection limits is closed at once.
 * Threads: runs on the SIP event loop when a connection registers.
 */
final class SipChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final SipUasConfig config;
    private final SipInboundHandler inbound;
    private final ConnectionLimiter limiter;
    private final MessageDeadline.Expiry messageExpiry;

    SipChannelInitializer(SipUasConfig config, SipInboundHandler inbound, ConnectionLimiter limiter,
                          MessageDeadline.Expiry messageExpiry) {
        this.config = config;
        this.inbound = inbound;
        this.limiter = limiter;
        this.messageExpiry = messageExpiry;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        boolean accepted = ch.parent() != null;
        if (accepted && !limiter.admit(ch)) {
            return;
        }
        ch.pipeline()
                .addLast("idleStateHandler", new IdleStateHandler(0, 0, config.tcpIdleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast("sipStreamDecoder", new SipStreamDecoder(config.limits(), new MessageDeadline(messageExpiry)))
                .addLast("sipInboundHandler", inbound);
    }
}
