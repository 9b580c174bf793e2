package org.audiostream.call.rtp;

import org.audiostream.call.MediaDirection;
import org.audiostream.media.PayloadCodec;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What the SDP negotiation decided about the remote side of a call's RTP: where to send, which
 * payload types, the packet time we send with, and our negotiated direction. Published to the leg as
 * a whole on every (re-)INVITE.
 *
 * <p>Threads: immutable; safe to publish across threads.
 *
 * @param rtp the remote's RTP address from SDP (resolved); an any-local address or port 0 means
 *     "do not send" (RFC 3264 §8.4 hold by 0.0.0.0)
 * @param rtcp the remote's RTCP address ({@code a=rtcp}, RFC 3605), or {@code null} for RTP port + 1
 * @param payloadType the negotiated audio payload type
 * @param codec the codec of {@code payloadType}
 * @param telephoneEventPayloadType the RFC 4733 {@code telephone-event} payload type, or -1
 * @param ptimeMs packet time we send with: 10–120 ms in steps of 10 ({@code a=ptime}, 20 when absent)
 * @param direction our direction as negotiated (the answer to the remote's): we send only if it {@code sends()}
 */
public record RtpRemote(InetSocketAddress rtp, InetSocketAddress rtcp, int payloadType, PayloadCodec codec,
                        int telephoneEventPayloadType, int ptimeMs, MediaDirection direction) {

    public RtpRemote {
        Objects.requireNonNull(rtp, "rtp");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(direction, "direction");
        if (rtp.isUnresolved()) {
            throw new IllegalArgumentException("RTP remote address unresolved: rtp=" + rtp);
        }
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("RTP payload type out of range: payloadType=" + payloadType + " outside 0..127");
        }
        if (telephoneEventPayloadType < -1 || telephoneEventPayloadType > 127 || telephoneEventPayloadType == payloadType) {
            throw new IllegalArgumentException("telephone-event payload type invalid: telephoneEventPayloadType="
                    + telephoneEventPayloadType + " outside -1..127 or equal to payloadType=" + payloadType);
        }
        if (ptimeMs < 10 || ptimeMs > 120 || ptimeMs % 10 != 0) {
            throw new IllegalArgumentException("RTP ptime out of range: ptimeMs=" + ptimeMs + " outside 10..120 in steps of 10");
        }
    }

    /** A remote that sends and receives {@code payloadType} every 20 ms and has no telephone-event. */
    public static RtpRemote of(InetSocketAddress rtp, int payloadType, PayloadCodec codec) {
        return new RtpRemote(rtp, null, payloadType, codec, -1, 20, MediaDirection.SENDRECV);
    }

    /** This remote with another direction (hold and resume re-INVITEs). */
    public RtpRemote withDirection(MediaDirection newDirection) {
        return new RtpRemote(rtp, rtcp, payloadType, codec, telephoneEventPayloadType, ptimeMs, newDirection);
    }

    /** The payload types we accept: audio and telephone-event. */
    PayloadTypeSet payloadTypes() {
        return PayloadTypeSet.of(payloadType, telephoneEventPayloadType);
    }

    /** Whether the SDP gave an address we can send to. */
    boolean hasTarget() {
        return rtp.getPort() != 0 && !rtp.getAddress().isAnyLocalAddress();
    }
}
