package org.audiostream.call.sip;

import java.net.InetAddress;

/**
 * What the session layer allocated for a call's audio: the local RTP address and ports that go
 * into our SDP.
 * Threads: immutable; any thread.
 *
 * @param address local IP address for the {@code c=} line (must be reachable by the peer)
 * @param rtpPort local RTP port
 * @param rtcpPort local RTCP port, or -1 when it is {@code rtpPort + 1} (then no {@code a=rtcp})
 */
public record MediaAnswer(InetAddress address, int rtpPort, int rtcpPort) {

    public MediaAnswer {
        if (rtpPort <= 0 || rtpPort > 65535) {
            throw new IllegalArgumentException("MediaAnswer rtpPort=" + rtpPort + " is not in 1..65535");
        }
    }

    public MediaAnswer(InetAddress address, int rtpPort) {
        this(address, rtpPort, -1);
    }
}
