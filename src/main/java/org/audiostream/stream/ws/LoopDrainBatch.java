package org.audiostream.stream.ws;

import io.netty.channel.EventLoop;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import org.jctools.queues.atomic.MpscAtomicArrayQueue;

/**
 * One event loop's WS drain tasks waiting for the next wake-up ({@link DrainWakeups#perTick()}). Each
 * client parks its drain task at most once until it has run (its own flag), so the queue holds at most one
 * task per client; past {@value #CAPACITY} the task is handed to the loop at once instead.
 *
 * <p>Threads: {@link #offer} from the producers (clock shards, any thread), {@link #wake} from the clock
 * shards; the tasks run on the event loop.
 */
final class LoopDrainBatch {

    static final int CAPACITY = 16_384;
    private static final Log LOG = Log.of(Component.WS_STREAM);

    private final EventLoop loop;
    private final MpscAtomicArrayQueue<Runnable> waiting = new MpscAtomicArrayQueue<>(CAPACITY);
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable runAll = this::runAll;

    LoopDrainBatch(EventLoop loop) {
        this.loop = loop;
    }

    /** Parks {@code drain} until the next {@link #wake}. */
    void offer(Runnable drain) {
        if (!waiting.offer(drain)) {
            execute(drain);
        }
    }

    /** Schedules one task on the loop that runs every parked drain, unless one is scheduled already. */
    void wake() {
        if (!waiting.isEmpty() && !scheduled.get() && scheduled.compareAndSet(false, true)) {
            execute(runAll);
        }
    }

    private void runAll() {
        scheduled.set(false);   // before polling: a drain parked from now on gets the next wake-up
        Runnable drain;
        while ((drain = waiting.poll()) != null) {
            drain.run();
        }
    }

    private void execute(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug(null, "task", "rejected", "reason", "event loop shut down");
        }
    }
}
