package org.audiostream.call.sip;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last stage of every SIP pipeline: hands decoded messages to the {@link UasDispatcher}, tracks
 * TCP connections for reuse, closes idle ones that no dialog uses, and keeps a bug in processing one message from
 * reaching Netty (logged, the channel stays up).
 * Threads: event-loop confined; stateless apart from the shared context, so {@code @Sharable}.
 */
@ChannelHandler.Sharable
final class SipInboundHandler extends SimpleChannelInboundHandler<InboundSip> {

    private static final Logger LOG = LoggerFactory.getLogger(SipInboundHandler.class);

    private final UasContext ctx;
    private final UasDispatcher dispatcher;

    SipInboundHandler(UasContext ctx, UasDispatcher dispatcher) {
        this.ctx = ctx;
        this.dispatcher = dispatcher;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext c, InboundSip in) {
        try {
            dispatcher.onMessage(in);
        } catch (RuntimeException e) {
            LOG.error("sip message processing failed from={} startLine={}", in.remote(), in.message().startLine(), e);
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
                LOG.debug("sip tcp idle close remote={}", c.channel().remoteAddress());
                c.close();
            }
        } else {
            super.userEventTriggered(c, evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
        LOG.debug("sip channel error remote={} cause={}", c.channel().remoteAddress(), cause.toString());
        if (!(c.channel() instanceof DatagramChannel)) {
            c.close();
        }
    }
}
