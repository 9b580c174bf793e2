package org.audiostream.call.sip;

import org.audiostream.call.MediaDirection;
import java.net.InetSocketAddress;

/**
 * The audio stream both sides agreed on (RFC 3264), what the RTP leg needs to run it.
 * Threads: immutable; any thread.
 *
 * @param remoteRtp where to send RTP; the address is {@code 0.0.0.0} when the peer holds with
 *     {@code c=0.0.0.0} (then {@link #direction()} does not send)
 * @param payloadType RTP payload type of the codec, as offered (0 PCMU, 8 PCMA, or a dynamic PT)
 * @param encodingName {@code PCMU} or {@code PCMA}
 * @param clockRate codec clock rate in Hz (8000)
 * @param telephoneEventPt RFC 4733 telephone-event payload type, or -1 when not negotiated
 * @param ptime packetisation time we send, ms: the offer's ptime clamped to 10..60 in steps of
 *     10 and to its maxptime, 20 when the offer gives none
 * @param offeredPtime the ptime the peer's SDP asked for, ms, or 0 when absent
 * @param direction our direction: {@code SENDRECV}, {@code RECVONLY} when the peer holds us, ...
 * @param remoteRtcpPort where to send RTCP ({@code a=rtcp}, RFC 3605; else RTP port + 1)
 */
public record NegotiatedMedia(InetSocketAddress remoteRtp, int payloadType, String encodingName, int clockRate,
                              int telephoneEventPt, int ptime, int offeredPtime, MediaDirection direction,
                              int remoteRtcpPort) {
}
