package org.audiostream.media;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounded SPSC queue of (buffer position, name) marks for {@link InjectBuffer}: the producer
 * appends at its write position, the consumer resolves marks in position order. Threads: {@link
 * #offer} from the single producer; {@link #peekPosition} and {@link #poll} from the single
 * consumer; {@link #outstanding} from any thread.
 */
final class InjectMarks {

    private final long[] positions;
    private final String[] names;
    private final AtomicLong head = new AtomicLong(); // consumer writes
    private final AtomicLong tail = new AtomicLong(); // producer writes

    InjectMarks(int capacity) {
        positions = new long[capacity];
        names = new String[capacity];
    }

    int capacity() {
        return positions.length;
    }

    int outstanding() {
        long h = head.getAcquire();
        return (int) (tail.getAcquire() - h);
    }

    /** Appends a mark; {@code false} if {@link #capacity()} marks are outstanding. */
    boolean offer(long position, String name) {
        long t = tail.getPlain();
        if (t - head.getAcquire() >= positions.length) {
            return false;
        }
        int slot = (int) (t % positions.length);
        positions[slot] = position;
        names[slot] = name;
        tail.setRelease(t + 1);
        return true;
    }

    /** Position of the oldest mark, or {@code Long.MAX_VALUE} if none is queued. */
    long peekPosition() {
        long h = head.getPlain();
        if (h == tail.getAcquire()) {
            return Long.MAX_VALUE;
        }
        return positions[(int) (h % positions.length)];
    }

    /** Removes and returns the oldest mark's name; call only after {@link #peekPosition} found one. */
    String poll() {
        long h = head.getPlain();
        int slot = (int) (h % positions.length);
        String name = names[slot];
        names[slot] = null;
        head.setRelease(h + 1);
        return name;
    }
}
