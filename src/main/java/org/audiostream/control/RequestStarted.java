package org.audiostream.control;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.audiostream.net.MessageDeadline;

/**
 * First stage of an admin connection: any bytes start the request's deadline, which the request handler
 * stops when the whole request has been read. Removed when the connection becomes an event stream.
 *
 * <p>Threads: event-loop confined; one per connection.
 */
final class RequestStarted extends ChannelInboundHandlerAdapter {

    private final MessageDeadline deadline;

    RequestStarted(MessageDeadline deadline) {
        this.deadline = deadline;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b && b.isReadable()) {
            deadline.started(ctx);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        deadline.finished();
    }
}
