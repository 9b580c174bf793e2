package org.audiostream.call.sip;

import java.net.InetSocketAddress;

/**
 * Server-transport handling of a received request's top Via and where its responses go (RFC 3261
 * §18.2.1, §18.2.2, RFC 3581 §4): add {@code received} when the sent-by host is not the source
 * IP, fill {@code rport} when asked; send responses over the same TCP connection, or over UDP to
 * the source IP at the rport / sent-by port. {@code maddr} (multicast) is not supported.
 * Threads: stateless; SIP event loop.
 */
final class ResponseRouting {

    private ResponseRouting() {
    }

    /** Adds received/rport to the request's top Via, in place. */
    static void stampVia(SipRequest request, InboundSip in) {
        Via top = request.topVia();
        if (in.remote() == null) {
            return;
        }
        String sourceIp = in.remote().getAddress().getHostAddress();
        Via stamped = top;
        if (!top.hasRport() && stripBrackets(top.host()).equalsIgnoreCase(sourceIp)) {
            return;
        }
        stamped = stamped.withParam("received", sourceIp);
        if (top.hasRport()) {
            stamped = stamped.withParam("rport", String.valueOf(in.remote().getPort()));
        }
        request.headers().replaceFirstValue(SipHeaderNames.VIA, stamped.toString());
    }

    /** Where the responses to {@code request} received as {@code in} go. */
    static SipDestination destination(SipRequest request, InboundSip in, boolean forceRport) {
        Via top = request.topVia();
        if (in.remote() == null) {
            return new SipDestination(in.transport(), null, in.channel());
        }
        int port = top.hasRport() || forceRport ? in.remote().getPort() : (top.port() > 0 ? top.port() : 5060);
        InetSocketAddress address = new InetSocketAddress(in.remote().getAddress(), port);
        if (in.transport().reliable()) {
            int connectPort = top.port() > 0 ? top.port() : 5060;
            return new SipDestination(SipTransportType.TCP, new InetSocketAddress(in.remote().getAddress(), connectPort), in.channel());
        }
        return new SipDestination(SipTransportType.UDP, address, in.channel());
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }
}
