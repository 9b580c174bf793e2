package org.audiostream.media;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Handle for a {@link FrameTask} registered with the {@link MediaClock}: which shard ticks it, and
 * how to stop it. Threads: {@link #unregister} and {@link #isActive} from any thread.
 */
public final class ClockRegistration {

    private final ClockShard shard;
    private final FrameTask task;
    private final AtomicBoolean ended = new AtomicBoolean();

    ClockRegistration(ClockShard shard, FrameTask task) {
        this.shard = shard;
        this.task = task;
    }

    public ClockShard shard() {
        return shard;
    }

    FrameTask task() {
        return task;
    }

    /** True until {@link #unregister} is called or the task fails. */
    public boolean isActive() {
        return !ended.get();
    }

    /**
     * Stops ticking the task: once this returns, no new {@code onTick} call starts (one already
     * running on the shard thread finishes). The shard drops the task at its next tick. Idempotent.
     */
    public void unregister() {
        end();
    }

    /** Marks the registration ended; true for the one caller that ended it. */
    boolean end() {
        if (ended.compareAndSet(false, true)) {
            shard.onRegistrationEnded();
            return true;
        }
        return false;
    }
}
