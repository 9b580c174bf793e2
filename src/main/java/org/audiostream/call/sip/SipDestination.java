package org.audiostream.call.sip;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * Where one outgoing message goes: transport, address, and for TCP the connection to prefer
 * (the one a request arrived on, RFC 3261 §18.2.2).
 * Threads: immutable; any thread.
 *
 * @param transport UDP or TCP
 * @param address destination address (for TCP: where to connect if {@code channel} is gone)
 * @param channel the connection to reuse, or {@code null}
 */
record SipDestination(SipTransportType transport, InetSocketAddress address, Channel channel) {
}
