package org.audiostream.call.rtp;

/**
 * Interarrival jitter of one RTP source (RFC 3550 §6.4.1, computed as in appendix A.8 with the
 * estimate scaled by 16 to keep integer precision).
 *
 * <p>Threads: not thread-safe; confined to the owning clock shard.
 */
public final class InterarrivalJitter {

    private boolean hasTransit;
    private int lastTransit;
    private int scaledJitter;

    /**
     * Records one packet.
     *
     * @param arrival arrival time in RTP timestamp units (any origin, 32-bit wrap allowed)
     * @param rtpTimestamp the packet's timestamp
     */
    public void update(int arrival, int rtpTimestamp) {
        int transit = arrival - rtpTimestamp;
        if (hasTransit) {
            int d = Math.abs(transit - lastTransit);
            scaledJitter += d - ((scaledJitter + 8) >> 4);
        }
        lastTransit = transit;
        hasTransit = true;
    }

    /** Forgets the transit time (new source); the estimate decays from its current value. */
    public void reset() {
        hasTransit = false;
    }

    /** Jitter in timestamp units, as an RTCP report block carries it. */
    public int jitter() {
        return scaledJitter >> 4;
    }
}
