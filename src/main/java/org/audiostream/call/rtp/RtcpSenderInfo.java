package org.audiostream.call.rtp;

/**
 * The sender-information section of an RTCP SR (RFC 3550 §6.4.1), reused for every report built
 * or parsed.
 *
 * <p>Threads: mutable; confined to the owning clock shard.
 */
public final class RtcpSenderInfo {

    /** 64-bit NTP wall-clock time of the report. */
    public long ntpTimestamp;
    /** RTP timestamp of the same instant. */
    public int rtpTimestamp;
    /** RTP data packets sent since the start (wraps at 32 bits on the wire). */
    public long packetCount;
    /** RTP payload octets sent since the start, headers and padding excluded. */
    public long octetCount;

    public RtcpSenderInfo set(long ntpTimestamp, int rtpTimestamp, long packetCount, long octetCount) {
        this.ntpTimestamp = ntpTimestamp;
        this.rtpTimestamp = rtpTimestamp;
        this.packetCount = packetCount;
        this.octetCount = octetCount;
        return this;
    }
}
