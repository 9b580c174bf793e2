package org.audiostream.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shard's scheduling, registration and failure isolation, driven by a manual clock. */
class ClockShardTest {

    private static final long T0 = 1_000_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long TICK = ClockShard.TICK_NANOS;

    private final ManualNanoClock time = new ManualNanoClock(T0);
    private final List<String> failures = new ArrayList<>();
    private final MediaClock clock = new MediaClock(new MediaClockSettings(1, 5), time,
            (task, error) -> failures.add(task + ": " + error.getMessage()));
    private final ClockShard shard = clock.shards().get(0);

    /** Records the deadlines it was ticked with. */
    private static final class Recorder implements FrameTask {
        final List<Long> deadlines = new ArrayList<>();

        @Override
        public void onTick(long tickNanos) {
            deadlines.add(tickNanos - T0);
        }
    }

    private int tickAt(long offsetNanos) {
        time.set(T0 + offsetNanos);
        return shard.tickOnce(T0 + offsetNanos);
    }

    @Test
    void ticksOnAbsoluteDeadlinesWhateverTheWakeUpLateness() {
        Recorder task = new Recorder();
        clock.register(task);
        assertThat(tickAt(0)).isEqualTo(1);
        assertThat(tickAt(10 * MS)).isZero();
        assertThat(tickAt(23 * MS)).isEqualTo(1); // woke 3 ms late
        assertThat(tickAt(41 * MS)).isEqualTo(1); // the next deadline is still 40, not 43
        assertThat(tickAt(59 * MS)).isZero();
        assertThat(tickAt(60 * MS)).isEqualTo(1);
        assertThat(task.deadlines).containsExactly(0L, TICK, 2 * TICK, 3 * TICK);
        assertThat(shard.stats().lateTicks()).isZero();
    }

    @Test
    void tickEndHooksRunAfterEveryTasksTickAndAThrowingHookDoesNotStopTheClock() {
        List<String> order = new ArrayList<>();
        clock.register(tickNanos -> order.add("task " + (tickNanos - T0) / TICK));
        clock.onTickEnd(() -> order.add("hook"));
        clock.onTickEnd(() -> {
            throw new IllegalStateException("boom");
        });
        tickAt(0);
        tickAt(45 * MS);   // two ticks due
        assertThat(order).containsExactly("task 0", "hook", "task 1", "hook", "task 2", "hook");
        assertThat(failures).isEmpty();
    }

    @Test
    void runsMissedTicksBackToBackWhenLate() {
        Recorder task = new Recorder();
        clock.register(task);
        tickAt(0);
        assertThat(tickAt(65 * MS)).isEqualTo(3); // deadlines 20, 40, 60 all due
        assertThat(task.deadlines).containsExactly(0L, 20 * MS, 40 * MS, 60 * MS);
        ClockShardStats stats = shard.stats();
        assertThat(stats.ticks()).isEqualTo(4);
        assertThat(stats.lateTicks()).isEqualTo(2); // 45 ms and 25 ms late; the third 5 ms
        assertThat(stats.skippedTicks()).isZero();
        assertThat(tickAt(79 * MS)).isZero(); // next deadline 80
    }

    @Test
    void skipsForwardBeyondTheCatchUpBoundAndCountsTheSkippedTicks() {
        Recorder task = new Recorder();
        clock.register(task);
        tickAt(0);
        assertThat(tickAt(1000 * MS)).isEqualTo(6); // 50 ticks due (20..1000), run the newest 1 + 5
        assertThat(task.deadlines).containsExactly(0L, 900 * MS, 920 * MS, 940 * MS, 960 * MS, 980 * MS, 1000 * MS);
        assertThat(shard.stats().skippedTicks()).isEqualTo(44);
        assertThat(tickAt(1020 * MS)).isEqualTo(1);
        assertThat(task.deadlines).endsWith(1020 * MS);
    }

    @Test
    void aRegistrationIsPickedUpAtTheTopOfTheNextTick() {
        tickAt(0);
        Recorder task = new Recorder();
        ClockRegistration registration = clock.register(task);
        assertThat(registration.shard()).isSameAs(shard);
        assertThat(shard.load()).isEqualTo(1);
        assertThat(task.deadlines).isEmpty();
        tickAt(20 * MS);
        assertThat(task.deadlines).containsExactly(20 * MS);
    }

    @Test
    void anUnregisteredTaskIsNotTickedAgain() {
        Recorder task = new Recorder();
        ClockRegistration registration = clock.register(task);
        tickAt(0);
        registration.unregister();
        registration.unregister(); // idempotent
        assertThat(registration.isActive()).isFalse();
        assertThat(shard.load()).isZero();
        tickAt(20 * MS);
        tickAt(40 * MS);
        assertThat(task.deadlines).containsExactly(0L);
    }

    @Test
    void aTaskUnregisteringItselfDuringItsTickIsNotTickedAgain() {
        List<Long> seen = new ArrayList<>();
        ClockRegistration[] self = new ClockRegistration[1];
        self[0] = clock.register(tick -> {
            seen.add(tick - T0);
            self[0].unregister();
        });
        tickAt(0);
        tickAt(20 * MS);
        assertThat(seen).containsExactly(0L);
    }

    @Test
    void aThrowingTaskIsIsolatedCountedReportedAndRemoved() {
        Recorder before = new Recorder();
        Recorder after = new Recorder();
        int[] calls = new int[1];
        FrameTask faulty = new FrameTask() {
            @Override
            public void onTick(long tickNanos) {
                if (++calls[0] == 2) {
                    throw new IllegalStateException("boom");
                }
            }

            @Override
            public String toString() {
                return "faulty";
            }
        };
        clock.register(before);
        ClockRegistration registration = clock.register(faulty);
        clock.register(after);
        for (int k = 0; k < 4; k++) {
            tickAt(k * TICK);
        }
        assertThat(calls[0]).isEqualTo(2);
        assertThat(registration.isActive()).isFalse();
        assertThat(failures).containsExactly("faulty: boom");
        assertThat(before.deadlines).hasSize(4);
        assertThat(after.deadlines).hasSize(4);
        ClockShardStats stats = shard.stats();
        assertThat(stats.taskFailures()).isEqualTo(1);
        assertThat(stats.tasks()).isEqualTo(2);
    }

    @Test
    void recordsProcessingTimePerTaskAndLatenessPerTickSeparately() {
        clock.register(tick -> time.advance(2 * MS));
        clock.register(tick -> time.advance(6 * MS));
        for (int k = 0; k < 10; k++) {
            tickAt(k * TICK + 3 * MS); // every tick starts 3 ms late
        }
        ClockShardStats stats = shard.stats();
        assertThat(stats.processing().count()).isEqualTo(20);
        assertThat(stats.processing().p50Nanos()).isCloseTo(2 * MS, within(2 * MS / 50));
        assertThat(stats.processing().maxNanos()).isCloseTo(6 * MS, within(6 * MS / 50));
        assertThat(stats.lateness().count()).isEqualTo(10);
        assertThat(stats.lateness().p99Nanos()).isCloseTo(3 * MS, within(3 * MS / 50));

        // Snapshots cover the interval since the previous one.
        ClockShardStats empty = shard.stats();
        assertThat(empty.processing().count()).isZero();
        assertThat(empty.lateness()).isEqualTo(new LatencySnapshot(0, 0, 0, 0));
    }

    @Test
    void tickingDoesNotAllocate() {
        for (int i = 0; i < 20; i++) {
            clock.register(tick -> { });
        }
        long[] k = {0};
        long bytes = AllocationProbe.bytesAllocated(20, () -> {
            for (int i = 0; i < 1000; i++) {
                long now = T0 + k[0]++ * TICK;
                time.set(now);
                shard.tickOnce(now);
            }
        });
        assertThat(bytes).as("bytes for 1000 ticks of 20 tasks").isLessThan(1000);
    }

    @Test
    void aShardThatKeepsWakingLateForTwoSecondsIsOverloadedUntilItKeepsTimeForASecond() {
        MediaClock guarded = new MediaClock(new MediaClockSettings(1, 5, 20), time, (task, error) -> { });
        ClockShard late = guarded.shards().get(0);
        guarded.register(new Recorder());
        long at = 0;
        for (int wake = 0; wake < ClockOverloadWatch.WINDOW_TICKS; wake++) {   // two seconds
            time.set(T0 + at + 21 * MS);          // every wake-up 21 ms late: two ticks, the first of them late
            late.tickOnce(T0 + at + 21 * MS);
            at += 2 * TICK;
        }
        assertThat(late.overloaded()).isTrue();
        assertThat(guarded.overloaded()).isTrue();
        for (int tick = 0; tick < ClockOverloadWatch.WINDOW_TICKS; tick++) {
            time.set(T0 + at);
            late.tickOnce(T0 + at);
            at += TICK;
        }
        assertThat(guarded.overloaded()).isFalse();
    }
}
