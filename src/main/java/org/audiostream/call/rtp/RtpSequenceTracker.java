package org.audiostream.call.rtp;

/**
 * Sequence-number state of one RTP source (RFC 3550 appendix A.1 and A.3): extends the 16-bit
 * sequence number with a wrap-around cycle count, recognises duplicates within the last
 * {@value #DUPLICATE_WINDOW} packets, reordering, and large jumps (a restart after two sequential
 * packets), and counts what is needed for losses and RTCP report blocks.
 *
 * <p>Threads: not thread-safe; confined to the owning clock shard. Never allocates.
 */
public final class RtpSequenceTracker {

    /** What {@link #update} decided about a packet. */
    public enum Outcome {
        /** First packet of the source, or newer than every packet so far. */
        IN_ORDER,
        /** Older than the newest packet but not seen before. */
        REORDERED,
        /** Already received. */
        DUPLICATE,
        /** Far from the expected sequence number; dropped unless the next packet confirms it (A.1). */
        JUMP,
        /** The packet after a {@link #JUMP} followed it: the sequence restarted here. */
        RESTARTED
    }

    /** A.1 MAX_DROPOUT: a gap this large or larger is a jump, not loss. */
    static final int MAX_DROPOUT = 3000;
    /** A.1 MAX_MISORDER: packets this much behind or more are a jump, not reordering. */
    static final int MAX_MISORDER = 100;
    static final int DUPLICATE_WINDOW = 64;
    private static final int SEQ_MOD = 1 << 16;

    private boolean started;
    private int maxSeq;
    private long cycles;
    private long baseExtended;
    private int badSeq = -1;
    /** Bit i set: extended sequence (highest - i) received. */
    private long window;
    private long received;
    private long lostBeforeRestart;
    private long expectedPrior;
    private long receivedPrior;
    private long duplicates;
    private long reordered;
    private long jumps;

    /** Forgets the source; the next packet starts a new one (SSRC change). Totals carry over. */
    public void reset() {
        if (started) {
            lostBeforeRestart += currentLost();
        }
        started = false;
        badSeq = -1;
    }

    /** Classifies and records packet {@code seq} (0–65535). */
    public Outcome update(int seq) {
        if (!started) {
            start(seq);
            return Outcome.IN_ORDER;
        }
        int delta = (seq - maxSeq) & (SEQ_MOD - 1);
        if (delta == 0) {
            duplicates++;
            return Outcome.DUPLICATE;
        }
        if (delta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = seq;
            window = delta >= DUPLICATE_WINDOW ? 1 : (window << delta) | 1;
            received++;
            badSeq = -1;
            return Outcome.IN_ORDER;
        }
        if (delta <= SEQ_MOD - MAX_MISORDER) {
            if (seq == badSeq) {
                lostBeforeRestart += currentLost();
                start(seq);
                return Outcome.RESTARTED;
            }
            badSeq = (seq + 1) & (SEQ_MOD - 1);
            jumps++;
            return Outcome.JUMP;
        }
        int behind = SEQ_MOD - delta;
        if (behind < DUPLICATE_WINDOW) {
            long bit = 1L << behind;
            if ((window & bit) != 0) {
                duplicates++;
                return Outcome.DUPLICATE;
            }
            window |= bit;
        }
        received++;
        reordered++;
        return Outcome.REORDERED;
    }

    private void start(int seq) {
        started = true;
        maxSeq = seq;
        cycles = 0;
        baseExtended = seq;
        window = 1;
        received = 1;
        expectedPrior = 0;
        receivedPrior = 0;
        badSeq = -1;
    }

    /** Extended highest sequence number received: cycles in the high bits (A.1). */
    public long extendedHighest() {
        return cycles + maxSeq;
    }

    private long currentLost() {
        return extendedHighest() - baseExtended + 1 - received;
    }

    /** Packets lost in the current sequence run (A.3); negative if duplicates slipped past the window. */
    public long cumulativeLost() {
        return started ? currentLost() : 0;
    }

    /** Packets lost over the tracker's life, across SSRC changes and restarts. */
    public long totalLost() {
        return lostBeforeRestart + cumulativeLost();
    }

    /**
     * Fraction lost since the previous call, in 1/256 (A.3), for an RTCP report block; moves the
     * interval on.
     */
    public int fractionLostSinceLastReport() {
        long expected = extendedHighest() - baseExtended + 1;
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        if (expectedInterval == 0 || lostInterval <= 0) {
            return 0;
        }
        return (int) ((lostInterval << 8) / expectedInterval);
    }

    public boolean started() {
        return started;
    }

    public long duplicates() {
        return duplicates;
    }

    public long reordered() {
        return reordered;
    }

    /** Packets dropped as a sequence jump (A.1 probation). */
    public long jumps() {
        return jumps;
    }
}
