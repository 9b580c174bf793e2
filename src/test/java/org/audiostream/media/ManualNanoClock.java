package org.audiostream.media;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Test clock that only moves when told to, for driving the media clock (and anything else that
 * takes a {@link NanoClock}) deterministically. Threads: any thread.
 */
public final class ManualNanoClock implements NanoClock {

    private final AtomicLong now;

    public ManualNanoClock(long startNanos) {
        this.now = new AtomicLong(startNanos);
    }

    @Override
    public long nanoTime() {
        return now.get();
    }

    public void set(long nanos) {
        now.set(nanos);
    }

    public void advance(long nanos) {
        now.addAndGet(nanos);
    }
}
