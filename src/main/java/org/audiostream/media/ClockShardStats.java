package org.audiostream.media;

/**
 * One shard's counters and the latency percentiles recorded since the previous snapshot. Threads:
 * immutable; any thread.
 *
 * @param tasks registered tasks not yet unregistered or failed (including ones the shard has not
 *     picked up yet)
 * @param ticks ticks run
 * @param lateTicks ticks that started a whole tick period or more after their deadline (catch-up)
 * @param skippedTicks ticks skipped because the shard was later than the catch-up bound
 * @param taskFailures tasks removed because {@code onTick} threw
 * @param processing each task's {@code onTick} duration
 * @param lateness each tick's start time minus its deadline
 */
public record ClockShardStats(
        String name,
        int tasks,
        long ticks,
        long lateTicks,
        long skippedTicks,
        long taskFailures,
        LatencySnapshot processing,
        LatencySnapshot lateness) {
}
