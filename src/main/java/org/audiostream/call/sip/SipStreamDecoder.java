package org.audiostream.call.sip;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.audiostream.net.MessageDeadline;

/**
 * Frames SIP messages on a TCP stream by the blank line and Content-Length (RFC 3261 §18.3):
 * handles partial messages and pipelining, skips CRLF keep-alives between messages, and caps
 * header and body size. When framing is lost (missing, bad or repeated Content-Length, header
 * section over the cap) it emits the failed message flagged {@code closeAfterResponse} and
 * discards everything after it; the handler answers 400 if it can and closes the connection.
 * While a message is partly read its {@link MessageDeadline} runs; CRLF keep-alives between
 * messages do not start it.
 * Threads: event-loop confined; one instance per connection (not {@code @Sharable}).
 */
final class SipStreamDecoder extends ByteToMessageDecoder {

    private final SipLimits limits;
    private final MessageDeadline deadline;
    private SipMessage pending;
    private int pendingBodyLength;
    private boolean framingLost;

    SipStreamDecoder(SipLimits limits, MessageDeadline deadline) {
        this.limits = limits;
        this.deadline = deadline;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!framingLost) {
            if (pending == null && !readHead(ctx, in, out)) {
                break;
            }
            if (framingLost || in.readableBytes() < pendingBodyLength) {
                break;
            }
            SipMessageParser.finish(pending, in, in.readerIndex(), pendingBodyLength);
            in.skipBytes(pendingBodyLength);
            out.add(inbound(ctx, pending, false));
            pending = null;
        }
        if (framingLost) {
            in.skipBytes(in.readableBytes());
        }
        if (pending != null || in.isReadable()) {
            deadline.started(ctx);
        } else {
            deadline.finished();
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        deadline.finished();
    }

    /** Reads a header section if complete; returns whether a message is now pending. */
    private boolean readHead(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int start = SipMessageParser.skipLineEnds(in, in.readerIndex(), in.writerIndex());
        in.readerIndex(start);
        if (!in.isReadable()) {
            return false;
        }
        int limit = Math.min(in.writerIndex(), start + limits.maxHeaderBytes());
        int headEnd = SipMessageParser.findHeaderEnd(in, start, limit);
        if (headEnd < 0) {
            if (in.readableBytes() >= limits.maxHeaderBytes()) {
                SipMessage m = SipMessageParser.parseHead(in.toString(start, limits.maxHeaderBytes(), StandardCharsets.UTF_8));
                m.failure(new SipParseFailure(SipFailureReason.HEADER_SECTION_TOO_LARGE, "SIP header section too large: > "
                        + limits.maxHeaderBytes() + " bytes without blank line, maxHeaderBytes=" + limits.maxHeaderBytes(), -1));
                lose(ctx, m, out);
            }
            return false;
        }
        SipMessage m = SipMessageParser.parseHead(in.toString(start, headEnd - start, StandardCharsets.UTF_8));
        in.readerIndex(headEnd);
        int cl = SipMessageParser.contentLength(m, limits.maxBodyBytes());
        if (cl == SipMessageParser.CL_ABSENT) {
            m.failure(new SipParseFailure(SipFailureReason.CONTENT_LENGTH_MISSING,
                    "Content-Length is mandatory on stream transports (RFC 3261 §18.3)", -1));
            cl = SipMessageParser.CL_BAD;
        }
        if (cl == SipMessageParser.CL_BAD) {
            lose(ctx, m, out);
            return false;
        }
        pending = m;
        pendingBodyLength = cl;
        return true;
    }

    private void lose(ChannelHandlerContext ctx, SipMessage m, List<Object> out) {
        framingLost = true;
        out.add(inbound(ctx, m, true));
    }

    private static InboundSip inbound(ChannelHandlerContext ctx, SipMessage m, boolean close) {
        InetSocketAddress remote = ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a : null;
        return new InboundSip(m, SipTransportType.TCP, remote, ctx.channel(), close);
    }
}
