package org.audiostream.call.sip;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.TimeUnit;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import org.audiostream.observe.RateLimitedLog;

/**
 * Last stage of every SIP pipeline: hands decoded messages to the {@link UasDispatcher}, tracks
 * TCP connections for reuse, closes idle ones that no dialog uses, and keeps a bug in processing one message from
 * reaching Netty (logged at most once per {@value #FAILURE_LOG_INTERVAL_SECONDS} s, since the same bug
 * may fire on every message; the channel stays up).
 * Threads: event-loop confined; stateless apart from the shared context, so {@code @Sharable}.
 */
@ChannelHandler.Sharable
final class SipInboundHandler extends SimpleChannelInboundHandler<InboundSip> {

    private static final Log LOG = Log.of(Component.SIP);
    static final int FAILURE_LOG_INTERVAL_SECONDS = 5;

    private final UasContext ctx;
    private final UasDispatcher dispatcher;
    private final RateLimitedLog failureLog = new RateLimitedLog(FAILURE_LOG_INTERVAL_SECONDS, TimeUnit.SECONDS);

    SipInboundHandler(UasContext ctx, UasDispatcher dispatcher) {
        this.ctx = ctx;
        this.dispatcher = dispatcher;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext c, InboundSip in) {
        try {
            dispatcher.onMessage(in);
        } catch (RuntimeException e) {
            long suppressed = failureLog.tryAcquire(System.nanoTime());
            if (suppressed >= 0) {
                LOG.error(null, "message", "processing_failed", e, "remote", in.remote(), "start_line",
                        in.message().startLine(), "suppressed", suppressed);
            }
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext c) throws Exception {
        ctx.sender.connectionOpened(c.channel());
        super.channelActive(c);
    }

    @Override
    public void channelInactive(ChannelHandlerContext c) throws Exception {
        ctx.sender.connectionClosed(c.channel());
        super.channelInactive(c);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext c, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            if (!ctx.calls.usesFlow(c.channel())) {  // a long call may send nothing for minutes
                LOG.debug(null, "tcp_idle", "closed", "remote", c.channel().remoteAddress());
                c.close();
            }
        } else {
            super.userEventTriggered(c, evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
        LOG.debug(null, "channel", "error", "remote", c.channel().remoteAddress(), "error", cause.toString());
        if (!(c.channel() instanceof DatagramChannel)) {
            c.close();
        }
    }
}
