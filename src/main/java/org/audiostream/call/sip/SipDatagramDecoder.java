package org.audiostream.call.sip;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * One datagram, one message (RFC 3261 §18.3): trailing octets beyond Content-Length ignored, no
 * Content-Length means the body is the rest. Datagrams of only CR/LF (keep-alives) are dropped.
 * Threads: event-loop confined; stateless, so {@code @Sharable}.
 */
@io.netty.channel.ChannelHandler.Sharable
final class SipDatagramDecoder extends MessageToMessageDecoder<DatagramPacket> {

    private final SipLimits limits;

    SipDatagramDecoder(SipLimits limits) {
        super(DatagramPacket.class);
        this.limits = limits;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        SipMessage msg = SipMessageParser.parseDatagram(packet.content(), limits);
        if (msg != null) {
            out.add(new InboundSip(msg, SipTransportType.UDP, packet.sender(), ctx.channel(), false));
        }
    }
}
