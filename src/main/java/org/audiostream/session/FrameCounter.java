package org.audiostream.session;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A counter with one writer (the clock shard) and any number of readers (health, telemetry). The
 * writer pays a plain store instead of an atomic read-modify-write; readers see a recent value.
 *
 * <p>Threads: {@link #add} from the owning thread only; {@link #get} from any thread.
 */
final class FrameCounter {

    private final AtomicLong value = new AtomicLong();

    void add(long delta) {
        value.setOpaque(value.getPlain() + delta);
    }

    void set(long v) {
        value.setOpaque(v);
    }

    long get() {
        return value.getOpaque();
    }
}
