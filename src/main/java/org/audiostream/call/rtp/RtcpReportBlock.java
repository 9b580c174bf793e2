package org.audiostream.call.rtp;

/**
 * One reception report block (RFC 3550 §6.4.1), reused for every report built or parsed.
 *
 * <p>Threads: mutable; confined to the owning clock shard.
 */
public final class RtcpReportBlock {

    /** Largest cumulative loss a block can carry: a 24-bit signed field. */
    public static final int MAX_CUMULATIVE_LOST = 0x7F_FFFF;
    /** Smallest cumulative loss (duplicates may make it negative). */
    public static final int MIN_CUMULATIVE_LOST = -0x80_0000;

    /** SSRC of the source this block reports on. */
    public int ssrc;
    /** Fraction lost since the previous report, in 1/256 (0–255). */
    public int fractionLost;
    /** Cumulative packets lost, 24-bit signed. */
    public int cumulativeLost;
    /** Extended highest sequence number received (cycles in the high 16 bits). */
    public int extendedHighestSequence;
    /** Interarrival jitter in timestamp units (§6.4.1, A.8). */
    public int jitter;
    /** Middle 32 bits of the NTP time of the last SR from that source, 0 if none. */
    public int lastSenderReport;
    /** Delay since that SR in 1/65536 s, 0 if none. */
    public int delaySinceLastSenderReport;

    /** Sets every field; {@code cumulativeLost} is clamped to the 24-bit range. */
    public RtcpReportBlock set(int ssrc, int fractionLost, long cumulativeLost, int extendedHighestSequence,
                               int jitter, int lastSenderReport, int delaySinceLastSenderReport) {
        this.ssrc = ssrc;
        this.fractionLost = fractionLost & 0xFF;
        this.cumulativeLost = (int) Math.max(MIN_CUMULATIVE_LOST, Math.min(MAX_CUMULATIVE_LOST, cumulativeLost));
        this.extendedHighestSequence = extendedHighestSequence;
        this.jitter = jitter;
        this.lastSenderReport = lastSenderReport;
        this.delaySinceLastSenderReport = delaySinceLastSenderReport;
        return this;
    }
}
