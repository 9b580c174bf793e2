package org.audiostream.media;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The media clock's own overhead per tick with {@code tasks} empty tasks: command drain, per-task
 * timing and the two histogram records, in manual mode on the system clock. Run: {@code java -cp
 * ... org.openjdk.jmh.Main ClockShardBenchmark -f 1 -wi 2 -w 1s -i 3 -r 1s -prof gc}.
 *
 * <p>Threads: JMH runs each benchmark on one thread with its own state (the shard's thread).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClockShardBenchmark {

    @Param({"1", "100"})
    public int tasks;

    private final ManualNanoClock time = new ManualNanoClock(0);
    private ClockShard shard;
    private long now;

    @Setup
    public void register() {
        MediaClock clock = new MediaClock(new MediaClockSettings(1, 5), time, TaskFailureListener.NONE);
        for (int i = 0; i < tasks; i++) {
            clock.register(tick -> { });
        }
        shard = clock.shards().get(0);
    }

    @Benchmark
    public int tick() {
        now += ClockShard.TICK_NANOS;
        time.set(now);
        return shard.tickOnce(now);
    }
}
