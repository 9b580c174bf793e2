package org.audiostream.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The real shard threads on the system clock. A correctness test of absolute-deadline scheduling,
 * not a performance test: tick counts are compared with the elapsed time with a few ticks of
 * slack, and deadlines must be exact multiples of 20 ms apart.
 */
class MediaClockRealTimeTest {

    private static final long TICK = ClockShard.TICK_NANOS;

    /** Counts ticks and checks each deadline is the previous one plus whole ticks. */
    private static final class DeadlineChecker implements FrameTask {
        final AtomicLong ticks = new AtomicLong();
        final AtomicLong irregular = new AtomicLong();
        private long previous = Long.MIN_VALUE;

        @Override
        public void onTick(long tickNanos) {
            if (previous != Long.MIN_VALUE && ((tickNanos - previous) % TICK != 0 || tickNanos <= previous)) {
                irregular.incrementAndGet();
            }
            previous = tickNanos;
            ticks.incrementAndGet();
        }
    }

    private static long liveClockThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("media-clock-") && t.isAlive())
                .count();
    }

    @Test
    void ticksFiftyTimesASecondWithoutDriftAndLeavesNoThreadBehind() throws Exception {
        assertThat(liveClockThreads()).isZero();
        MediaClock clock = new MediaClock(new MediaClockSettings(2, 5), NanoClock.SYSTEM, TaskFailureListener.NONE);
        DeadlineChecker a = new DeadlineChecker();
        DeadlineChecker b = new DeadlineChecker();
        try {
            clock.start();
            clock.register(a);
            clock.register(b);
            assertThat(clock.shards()).extracting(ClockShard::name).containsExactly("media-clock-0", "media-clock-1");
            assertThat(clock.shards()).allSatisfy(shard -> assertThat(shard.thread().isAlive()).isTrue());
            assertThat(liveClockThreads()).isEqualTo(2);

            Thread.sleep(200); // both tasks are picked up and ticking
            long skippedBefore = skipped(clock);
            long startCount = a.ticks.get();
            long start = System.nanoTime();
            Thread.sleep(2000);
            long elapsed = System.nanoTime() - start;
            long counted = a.ticks.get() - startCount + (skipped(clock) - skippedBefore);

            long expected = elapsed / TICK;
            assertThat(counted).as("ticks in %d ms", TimeUnit.NANOSECONDS.toMillis(elapsed))
                    .isBetween(expected - 3, expected + 3);
            assertThat(a.irregular.get()).isZero();
            assertThat(b.irregular.get()).isZero();
            assertThat(b.ticks.get()).isPositive();
        } finally {
            clock.close();
        }
        assertThat(clock.shards()).allSatisfy(shard -> assertThat(shard.thread().isAlive()).isFalse());
        assertThat(liveClockThreads()).isZero();
    }

    private static long skipped(MediaClock clock) {
        return clock.stats().stream().mapToLong(ClockShardStats::skippedTicks).sum();
    }
}
