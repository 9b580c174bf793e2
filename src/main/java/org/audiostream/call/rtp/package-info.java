/**
 * RTP media for one call: RTP/RTCP packets (RFC 3550), the port pool, the jitter buffer,
 * RFC 4733 DTMF, and {@link org.audiostream.call.rtp.RtpCallLeg}, the only type a session sees.
 *
 * <p>Threads: everything on the media path is confined to the clock shard that owns the call;
 * {@link org.audiostream.call.rtp.RtpPortPool} is thread-safe, and {@code RtpCallLeg.updateRemote}
 * and {@code close} may be called from any thread. Start at {@code RtpCallLeg.readCallerFrame}.
 */
package org.audiostream.call.rtp;
