package org.audiostream.media;

/**
 * Media clock sizing. Threads: immutable; any thread.
 *
 * @param shards shard threads, each ticking its own sessions; default one per available processor
 * @param maxCatchUpTicks extra ticks a late shard runs back to back before it skips forward
 * @param overloadLatenessMillis how late a tick must start to count towards overload
 *        ({@link ClockOverloadWatch}); 0: never overloaded
 */
public record MediaClockSettings(int shards, int maxCatchUpTicks, int overloadLatenessMillis) {

    public static final int MAX_SHARDS = 1024;
    public static final int MAX_CATCH_UP_TICKS = 50;

    public MediaClockSettings {
        if (shards < 1 || shards > MAX_SHARDS) {
            throw new IllegalArgumentException("media clock rejected: shards=" + shards
                    + " outside [1, " + MAX_SHARDS + "]");
        }
        if (maxCatchUpTicks < 0 || maxCatchUpTicks > MAX_CATCH_UP_TICKS) {
            throw new IllegalArgumentException("media clock rejected: maxCatchUpTicks=" + maxCatchUpTicks
                    + " outside [0, " + MAX_CATCH_UP_TICKS + "]");
        }
        if (overloadLatenessMillis < 0) {
            throw new IllegalArgumentException("media clock rejected: overloadLatenessMillis=" + overloadLatenessMillis
                    + " < 0");
        }
    }

    /** Without overload detection. */
    public MediaClockSettings(int shards, int maxCatchUpTicks) {
        this(shards, maxCatchUpTicks, 0);
    }

    /** One shard per available processor; catch up at most 5 ticks (100 ms) after a stall. */
    public static MediaClockSettings defaults() {
        return new MediaClockSettings(Runtime.getRuntime().availableProcessors(), 5);
    }
}
