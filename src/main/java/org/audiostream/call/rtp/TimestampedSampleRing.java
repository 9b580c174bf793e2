package org.audiostream.call.rtp;

import java.util.Arrays;

/**
 * PCM samples stored by extended RTP timestamp: sample {@code t} lives at {@code t & mask}, with a
 * flag saying whether it has been written since it was last read. Any packetisation lands in place,
 * so packets of 10–120 ms fill 20 ms frames without reassembly.
 *
 * <p>Threads: not thread-safe; confined to the owning clock shard. Never allocates after
 * construction. The caller keeps every live timestamp within one ring capacity.
 */
final class TimestampedSampleRing {

    private final short[] samples;
    private final boolean[] present;
    private final int mask;
    private int lastMissing;

    TimestampedSampleRing(int minCapacity) {
        int capacity = Integer.highestOneBit(Math.max(2, minCapacity - 1)) << 1;
        samples = new short[capacity];
        present = new boolean[capacity];
        mask = capacity - 1;
    }

    int capacity() {
        return samples.length;
    }

    /** Stores {@code src[srcOff, srcOff + n)} at timestamps {@code [t, t + n)}. */
    void write(long t, short[] src, int srcOff, int n) {
        int index = (int) (t & mask);
        int first = Math.min(n, samples.length - index);
        System.arraycopy(src, srcOff, samples, index, first);
        Arrays.fill(present, index, index + first, true);
        if (first < n) {
            System.arraycopy(src, srcOff + first, samples, 0, n - first);
            Arrays.fill(present, 0, n - first, true);
        }
    }

    /**
     * Moves timestamps {@code [t, t + n)} into {@code dst}, writing 0 where nothing was stored, and
     * marks them empty.
     *
     * @param from timestamps before this are not counted by {@link #lastMissing()}
     * @param until timestamps at or after this are not counted by {@link #lastMissing()}
     * @return the number of samples present
     */
    int take(long t, short[] dst, int dstOff, int n, long from, long until) {
        int found = 0;
        int absent = 0;
        for (int i = 0; i < n; i++) {
            long ts = t + i;
            int index = (int) (ts & mask);
            if (present[index]) {
                dst[dstOff + i] = samples[index];
                present[index] = false;
                found++;
            } else {
                dst[dstOff + i] = 0;
                if (ts >= from && ts < until) {
                    absent++;
                }
            }
        }
        lastMissing = absent;
        return found;
    }

    /** Samples absent within {@code [from, until)} in the last {@link #take}. */
    int lastMissing() {
        return lastMissing;
    }

    /** Marks everything empty. */
    void clear() {
        Arrays.fill(present, false);
    }
}
