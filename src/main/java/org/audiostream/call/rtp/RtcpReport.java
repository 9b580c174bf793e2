package org.audiostream.call.rtp;

/**
 * What {@link RtcpCompoundReader} extracted from one compound RTCP packet: the sender information
 * of an SR, the report block about our own SSRC, and whether a BYE was present.
 *
 * <p>Threads: mutable; confined to the owning clock shard, reused for every packet.
 */
public final class RtcpReport {

    /** SSRC of the first SR/RR's sender. */
    public int senderSsrc;
    /** Whether the first packet was an SR; then {@link #senderInfo} is filled. */
    public boolean hasSenderInfo;
    public final RtcpSenderInfo senderInfo = new RtcpSenderInfo();
    /** Whether some SR/RR carried a block about the local SSRC; then {@link #blockAboutUs} is filled. */
    public boolean hasBlockAboutUs;
    public final RtcpReportBlock blockAboutUs = new RtcpReportBlock();
    /** Whether the compound carried a BYE (§6.6). */
    public boolean bye;

    void clear() {
        senderSsrc = 0;
        hasSenderInfo = false;
        hasBlockAboutUs = false;
        bye = false;
    }
}
