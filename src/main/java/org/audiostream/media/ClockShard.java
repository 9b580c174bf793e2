package org.audiostream.media;

import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import org.jctools.queues.atomic.MpscAtomicArrayQueue;

/**
 * One media-clock thread and the tasks it owns, ticking every 20 ms on absolute deadlines: tick k
 * is due at {@code origin + k * 20 ms}, whatever happened before, so the clock never drifts. The
 * thread parks until the next deadline (no busy spin). When it wakes late it runs every missed
 * tick back to back, each with its own deadline, up to {@code 1 + maxCatchUpTicks} ticks; older
 * missed ticks are skipped and counted. New registrations arrive through a bounded MPSC queue that
 * the shard drains at the top of each tick; a task that throws is counted, logged, reported and
 * removed while the others keep ticking. After the tasks, the tick-end hooks run (e.g. one wake-up
 * of each WebSocket event loop for the frames the tick queued, instead of one per frame). Each task's
 * {@code onTick} duration and each tick's lateness go to separate HdrHistograms; a
 * {@link ClockOverloadWatch} judges the lateness (WARN when the shard becomes overloaded, NOTICE when it
 * recovers). Threads: tasks, the task list and the histograms' writer
 * side are confined to the shard thread (in manual mode, to the thread calling {@link #tickOnce});
 * {@link #stats()} and registration are safe from any thread.
 */
public final class ClockShard {

    /** The tick period: one 20 ms audio frame. */
    public static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    static final int COMMAND_QUEUE_CAPACITY = 4096;
    static final long HISTOGRAM_MAX_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final Log LOG = Log.of(Component.CLOCK);

    private final String name;
    private final NanoClock clock;
    private final int maxTicksPerWake;
    private final TaskFailureListener failureListener;
    private final ClockOverloadWatch overload;
    private final MpscAtomicArrayQueue<ClockRegistration> pendingAdds =
            new MpscAtomicArrayQueue<>(COMMAND_QUEUE_CAPACITY);
    private final AtomicInteger load = new AtomicInteger();
    private final SingleWriterRecorder processing = new SingleWriterRecorder(1, HISTOGRAM_MAX_NANOS, 2);
    private final SingleWriterRecorder lateness = new SingleWriterRecorder(1, HISTOGRAM_MAX_NANOS, 2);

    // Set by any thread (rarely), read by the shard each tick.
    private volatile Runnable[] tickEndHooks = new Runnable[0];

    // Shard thread only.
    private final ArrayList<ClockRegistration> tasks = new ArrayList<>();
    private long nextDeadline;
    // Written by the shard thread only; read by stats().
    private volatile long ticks;
    private volatile long lateTicks;
    private volatile long skippedTicks;
    private volatile long taskFailures;

    // Lifecycle, written by the MediaClock.
    private volatile Thread thread;
    private volatile boolean running;

    // Reader side of the histograms, guarded by this: what the recorders handed over last, added up
    // since start (metrics) and since the previous stats() call (percentiles).
    private Histogram processingInterval;
    private Histogram latenessInterval;
    private final Histogram processingTotal = new Histogram(1, HISTOGRAM_MAX_NANOS, 2);
    private final Histogram latenessTotal = new Histogram(1, HISTOGRAM_MAX_NANOS, 2);
    private final Histogram processingSinceStats = new Histogram(1, HISTOGRAM_MAX_NANOS, 2);
    private final Histogram latenessSinceStats = new Histogram(1, HISTOGRAM_MAX_NANOS, 2);

    ClockShard(int index, NanoClock clock, int maxCatchUpTicks, long overloadLatenessNanos,
               TaskFailureListener failureListener) {
        this.name = "media-clock-" + index;
        this.clock = clock;
        this.maxTicksPerWake = 1 + maxCatchUpTicks;
        this.overload = new ClockOverloadWatch(overloadLatenessNanos);
        this.failureListener = failureListener;
        this.nextDeadline = clock.nanoTime();
    }

    public String name() {
        return name;
    }

    /** Registered tasks not yet ended, including ones waiting in the queue. Any thread. */
    public int load() {
        return load.get();
    }

    /**
     * True on the shard's own thread; in manual mode (no thread started) always true, because the
     * test thread calling {@link #tickOnce} plays the shard thread. For {@code assert}s in tasks.
     */
    public boolean inShardThread() {
        Thread owner = thread;
        return owner == null || owner == Thread.currentThread();
    }

    // ---------------------------------------------------------------- registration (any thread)

    ClockRegistration register(FrameTask task) {
        ClockRegistration registration = new ClockRegistration(this, task);
        load.incrementAndGet();
        if (!pendingAdds.offer(registration)) {
            load.decrementAndGet();
            throw new IllegalStateException("media clock register rejected: " + name + " command queue full: pending="
                    + COMMAND_QUEUE_CAPACITY + " >= capacity=" + COMMAND_QUEUE_CAPACITY + " (tasks=" + load.get() + ")");
        }
        return registration;
    }

    void onRegistrationEnded() {
        load.decrementAndGet();
    }

    // ---------------------------------------------------------------- ticking (shard thread)

    /**
     * Manual mode: runs every tick due at {@code nowNanos}, exactly as the shard thread would after
     * waking at that time. Only for a clock that was not started.
     *
     * @return ticks run (0 if the next deadline is still ahead)
     * @throws IllegalStateException if the shard runs its own thread
     */
    public int tickOnce(long nowNanos) {
        if (thread != null) {
            throw new IllegalStateException("clock shard tickOnce rejected: " + name
                    + " runs its own thread (manual mode only)");
        }
        return runDue(nowNanos);
    }

    private int runDue(long now) {
        long late = now - nextDeadline;
        if (late < 0) {
            return 0;
        }
        long due = late / TICK_NANOS + 1;
        if (due > maxTicksPerWake) {
            long skip = due - maxTicksPerWake;
            nextDeadline += skip * TICK_NANOS;
            skippedTicks += skip;
            due = maxTicksPerWake;
        }
        long tickStart = now;
        for (int k = 0; k < due; k++) {
            tickStart = tick(nextDeadline, tickStart);
            nextDeadline += TICK_NANOS;
        }
        return (int) due;
    }

    /** Runs one tick; returns the clock reading when it finished (the next catch-up tick's start). */
    private long tick(long deadline, long startNanos) {
        long lateBy = startNanos - deadline;
        lateness.recordValue(clamp(lateBy));
        if (lateBy >= TICK_NANOS) {
            lateTicks++;
        }
        if (overload.onTick(lateBy)) {
            logOverloadChange();
        }
        ticks++;
        attachPending();
        long before = clock.nanoTime();
        for (int i = 0; i < tasks.size(); ) {
            ClockRegistration registration = tasks.get(i);
            if (!registration.isActive()) {
                tasks.remove(i);
                continue;
            }
            try {
                registration.task().onTick(deadline);
            } catch (Throwable error) {
                tasks.remove(i);
                onTaskFailed(registration, error);
                before = clock.nanoTime();
                continue;
            }
            long after = clock.nanoTime();
            processing.recordValue(clamp(after - before));
            before = after;
            i++;
        }
        runTickEndHooks();
        return clock.nanoTime();
    }

    private void logOverloadChange() {
        int late = overload.lateTicksInLastWindow();
        if (overload.overloaded()) {
            LOG.warn(null, "clock", "overloaded", "shard", name, "late_ticks_last_second", late, "tasks", tasks.size(),
                    "effect", "new calls refused with 503 until it recovers");
        } else {
            LOG.notice(null, "clock", "recovered", "shard", name, "late_ticks_last_second", late, "tasks", tasks.size());
        }
    }

    private void runTickEndHooks() {
        for (Runnable hook : tickEndHooks) {
            try {
                hook.run();
            } catch (RuntimeException error) {
                LOG.error(null, "tick_end_hook", "failed", error, "shard", name);
            }
        }
    }

    /** Adds a hook run on the shard thread at the end of every tick, after every task. Any thread. */
    synchronized void addTickEndHook(Runnable hook) {
        Runnable[] grown = java.util.Arrays.copyOf(tickEndHooks, tickEndHooks.length + 1);
        grown[grown.length - 1] = hook;
        tickEndHooks = grown;
    }

    private void attachPending() {
        ClockRegistration registration;
        while ((registration = pendingAdds.poll()) != null) {
            if (registration.isActive()) {
                tasks.add(registration);
            }
        }
    }

    private void onTaskFailed(ClockRegistration registration, Throwable error) {
        taskFailures++;
        registration.end();
        LOG.error(null, "task", "removed", error, "shard", name, "task", registration.task());
        try {
            failureListener.onTaskFailed(registration.task(), error);
        } catch (Throwable listenerError) {
            LOG.error(null, "task_failure_listener", "failed", listenerError, "shard", name);
        }
    }

    private static long clamp(long nanos) {
        return Math.max(0, Math.min(HISTOGRAM_MAX_NANOS, nanos));
    }

    // ---------------------------------------------------------------- thread lifecycle (MediaClock)

    void start(long originNanos) {
        nextDeadline = originNanos;
        running = true;
        Thread t = Thread.ofPlatform().name(name).daemon(true).unstarted(this::runLoop);
        thread = t;
        t.start();
    }

    private void runLoop() {
        while (running) {
            long now = clock.nanoTime();
            long wait = nextDeadline - now;
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
            } else {
                runDue(now);
            }
        }
    }

    /** Asks the thread to stop after its current tick. */
    void requestStop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Waits for the thread to end; false if it is still running after {@code timeoutMillis}. */
    boolean awaitStop(long timeoutMillis) throws InterruptedException {
        Thread t = thread;
        if (t == null || t == Thread.currentThread()) {
            return true;
        }
        t.join(timeoutMillis);
        return !t.isAlive();
    }

    Thread thread() {
        return thread;
    }

    // ---------------------------------------------------------------- observation (any thread)

    /** Whether the shard's ticks start so late that its calls lose audio (see {@link ClockOverloadWatch}). */
    public boolean overloaded() {
        return overload.overloaded();
    }

    /** Counters, and latency percentiles since the previous call (one caller should own these). */
    public synchronized ClockShardStats stats() {
        collect();
        ClockShardStats s = new ClockShardStats(name, load.get(), ticks, lateTicks, skippedTicks, taskFailures,
                LatencySnapshot.of(processingSinceStats), LatencySnapshot.of(latenessSinceStats));
        processingSinceStats.reset();
        latenessSinceStats.reset();
        return s;
    }

    /** Adds every {@code onTick} duration since start into {@code into} (nanoseconds). */
    synchronized void addProcessingTotal(Histogram into) {
        collect();
        into.add(processingTotal);
    }

    /** Adds every tick's lateness since start into {@code into} (nanoseconds). */
    synchronized void addLatenessTotal(Histogram into) {
        collect();
        into.add(latenessTotal);
    }

    private void collect() {
        processingInterval = processing.getIntervalHistogram(processingInterval);
        latenessInterval = lateness.getIntervalHistogram(latenessInterval);
        processingTotal.add(processingInterval);
        processingSinceStats.add(processingInterval);
        latenessTotal.add(latenessInterval);
        latenessSinceStats.add(latenessInterval);
    }
}
