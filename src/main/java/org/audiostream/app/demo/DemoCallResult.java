package org.audiostream.app.demo;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * What the demo caller's call did.
 * Threads: immutable apart from {@code heard}, which the receiver owns (not copied).
 *
 * @param callId          the SIP Call-ID, to find the gateway's session
 * @param gatewayRtp      where the gateway took RTP (from its SDP answer)
 * @param packetsSent     RTP packets sent (prompt and the silence after it)
 * @param packetsReceived RTP packets received from the gateway
 * @param packetsIgnored  of those, not PCMU or not valid RTP
 * @param heard           what the caller heard, 8 kHz, sample 0 = when the first prompt packet left
 * @param setup           INVITE sent to 2xx received
 * @param media           first RTP packet sent to the last one
 * @param hangup          BYE sent to its 2xx; zero when the gateway hung up first
 * @param endedByGateway  whether the gateway sent BYE before the caller did
 */
public record DemoCallResult(String callId, InetSocketAddress gatewayRtp, long packetsSent, long packetsReceived,
                             long packetsIgnored, short[] heard, Duration setup, Duration media, Duration hangup,
                             boolean endedByGateway) {}
