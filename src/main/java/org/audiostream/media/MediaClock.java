package org.audiostream.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.audiostream.observe.Component;
import org.audiostream.observe.HistogramReading;
import org.audiostream.observe.Log;

/**
 * The 20 ms media clock (DESIGN §4.1): a few {@link ClockShard}s, one platform thread each (named
 * {@code media-clock-<n>}), each ticking its own share of the sessions on absolute deadlines. A
 * task goes to the least-loaded shard and stays there. Built in manual mode; {@link #start()}
 * starts the threads, otherwise tests drive each shard with {@link ClockShard#tickOnce}. Threads:
 * {@link #register}, {@link #stats()} and {@link #close()} are safe from any thread.
 */
public final class MediaClock implements AutoCloseable {

    private static final long JOIN_TIMEOUT_MILLIS = 2000;
    private static final Log LOG = Log.of(Component.CLOCK);

    private final NanoClock clock;
    private final List<ClockShard> shards;
    private volatile boolean closed;
    private boolean started;

    public MediaClock(MediaClockSettings settings, NanoClock clock, TaskFailureListener failureListener) {
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(failureListener, "failureListener");
        List<ClockShard> list = new ArrayList<>(settings.shards());
        for (int i = 0; i < settings.shards(); i++) {
            list.add(new ClockShard(i, clock, settings.maxCatchUpTicks(),
                    TimeUnit.MILLISECONDS.toNanos(settings.overloadLatenessMillis()), failureListener));
        }
        this.shards = List.copyOf(list);
    }

    /**
     * Runs {@code hook} on each shard's thread at the end of each of its ticks, after all its tasks
     * (must not block; an exception is logged and the next tick runs it again).
     */
    public void onTickEnd(Runnable hook) {
        Objects.requireNonNull(hook, "hook");
        for (ClockShard shard : shards) {
            shard.addTickEndHook(hook);
        }
    }

    /** Starts one thread per shard; every shard's tick 0 is due now. */
    public synchronized MediaClock start() {
        if (closed || started) {
            throw new IllegalStateException("media clock start rejected: " + (closed ? "closed" : "already started"));
        }
        started = true;
        long origin = clock.nanoTime();
        for (ClockShard shard : shards) {
            shard.start(origin);
        }
        LOG.notice(null, "start", "ok", "shards", shards.size());
        return this;
    }

    /**
     * Hands the task to the least-loaded shard, which picks it up at the top of its next tick.
     *
     * @throws IllegalStateException if the clock is closed or the shard's command queue is full
     */
    public ClockRegistration register(FrameTask task) {
        Objects.requireNonNull(task, "task");
        if (closed) {
            throw new IllegalStateException("media clock register rejected: clock closed (shards=" + shards.size() + ")");
        }
        ClockShard least = shards.get(0);
        for (ClockShard shard : shards) {
            if (shard.load() < least.load()) {
                least = shard;
            }
        }
        return least.register(task);
    }

    /** Whether any shard is overloaded (its ticks start so late that its calls lose audio). Any thread. */
    public boolean overloaded() {
        for (ClockShard shard : shards) {
            if (shard.overloaded()) {
                return true;
            }
        }
        return false;
    }

    public List<ClockShard> shards() {
        return shards;
    }

    /** Every shard's stats (latency percentiles since the previous call). */
    public List<ClockShardStats> stats() {
        List<ClockShardStats> all = new ArrayList<>(shards.size());
        for (ClockShard shard : shards) {
            all.add(shard.stats());
        }
        return all;
    }

    /**
     * Every session's per-tick processing time since start, all shards together, in seconds (DESIGN §4.4:
     * what BM-17 measures), in the buckets {@code upperBoundsSeconds} (ascending, ending with +Inf).
     */
    public HistogramReading processingHistogram(double[] upperBoundsSeconds) {
        Histogram all = new Histogram(1, ClockShard.HISTOGRAM_MAX_NANOS, 2);
        shards.forEach(s -> s.addProcessingTotal(all));
        return HistogramReading.ofNanos(all, upperBoundsSeconds);
    }

    /** How late each tick started after its deadline since start, all shards together, in seconds. */
    public HistogramReading latenessHistogram(double[] upperBoundsSeconds) {
        Histogram all = new Histogram(1, ClockShard.HISTOGRAM_MAX_NANOS, 2);
        shards.forEach(s -> s.addLatenessTotal(all));
        return HistogramReading.ofNanos(all, upperBoundsSeconds);
    }

    /**
     * Stops the shard threads after their current tick and joins them (up to 2 s each; a task
     * stuck in {@code onTick} is logged, not waited for). Registered tasks are simply no longer
     * ticked. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (ClockShard shard : shards) {
            shard.requestStop();
        }
        for (ClockShard shard : shards) {
            try {
                if (!shard.awaitStop(JOIN_TIMEOUT_MILLIS)) {
                    LOG.warn(null, "stop", "incomplete", "shard", shard.name(), "waited_ms", JOIN_TIMEOUT_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn(null, "stop", "interrupted", "shard", shard.name());
                return;
            }
        }
        LOG.notice(null, "stop", "ok", "shards", shards.size());
    }
}
