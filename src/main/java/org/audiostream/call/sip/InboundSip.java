package org.audiostream.call.sip;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * What the decoders hand to the UAS: a message (valid or carrying a failure) and where it came
 * from, which is also where responses go (RFC 3261 §18.2.2).
 * Threads: immutable; created and consumed on the SIP event loop.
 *
 * @param message the decoded message
 * @param transport the transport it arrived on
 * @param remote the peer's source address
 * @param channel the datagram channel (UDP) or the connection (TCP)
 * @param closeAfterResponse TCP framing was lost: answer if possible, then close the connection
 */
record InboundSip(SipMessage message, SipTransportType transport, InetSocketAddress remote, Channel channel,
                  boolean closeAfterResponse) {
}
