package org.audiostream.media;

/**
 * Work done once per 20 ms media-clock tick, normally one media session (take the caller frame,
 * read the inject frame, send RTP, run the capture path). Threads: called only on the owning
 * {@link ClockShard}'s thread; must not block.
 */
@FunctionalInterface
public interface FrameTask {

    /**
     * @param tickNanos this tick's deadline on the clock's timeline; consecutive ticks differ by
     *     exactly {@link ClockShard#TICK_NANOS}, even when a late shard catches up
     */
    void onTick(long tickNanos);
}
