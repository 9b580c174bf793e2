package org.audiostream.call.rtp;

import java.util.StringJoiner;

/**
 * The RTP payload types negotiated for a call (0–127, RFC 3550 §5.1), as a 128-bit mask so that a
 * membership test on the receive path costs two instructions.
 *
 * <p>Threads: immutable; safe to share.
 */
public final class PayloadTypeSet {

    private final long low;
    private final long high;

    private PayloadTypeSet(long low, long high) {
        this.low = low;
        this.high = high;
    }

    /**
     * Returns the set of the given payload types; negative values are skipped so that an absent
     * telephone-event type (-1) can be passed as is.
     */
    public static PayloadTypeSet of(int... payloadTypes) {
        long low = 0;
        long high = 0;
        for (int pt : payloadTypes) {
            if (pt < 0) {
                continue;
            }
            if (pt > 127) {
                throw new IllegalArgumentException("RTP payload type out of range: payloadType=" + pt + " > 127");
            }
            if (pt < 64) {
                low |= 1L << pt;
            } else {
                high |= 1L << (pt - 64);
            }
        }
        return new PayloadTypeSet(low, high);
    }

    /** Whether {@code payloadType} (0–127) is in the set. */
    public boolean contains(int payloadType) {
        long mask = payloadType < 64 ? low : high;
        return (mask & (1L << (payloadType & 63))) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PayloadTypeSet other && other.low == low && other.high == high;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(low) * 31 + Long.hashCode(high);
    }

    @Override
    public String toString() {
        StringJoiner joiner = new StringJoiner(", ", "[", "]");
        for (int pt = 0; pt < 128; pt++) {
            if (contains(pt)) {
                joiner.add(Integer.toString(pt));
            }
        }
        return joiner.toString();
    }
}
