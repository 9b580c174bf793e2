package org.audiostream.stream.ws;

import io.netty.channel.EventLoop;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a WS client's event loop learns that audio frames are queued for it. {@link #IMMEDIATE}: one
 * event-loop task (and, when the loop sleeps, one wake-up syscall and one thread switch) per frame, as
 * soon as it is queued. {@link #perTick()}: the client's drain task is parked in its loop's
 * {@link LoopDrainBatch} and the loop is woken once per media-clock tick by {@link #wakeAll()}, which
 * the clock runs after all its sessions' frames are queued (DESIGN.md §4 rule 10: batch per tick). A
 * producer that is not a clock shard is served by the next tick of any shard, within 20 ms.
 *
 * <p>Threads: thread-safe; {@link #batchFor} from any thread (once per client), {@link #wakeAll} from
 * the clock shards.
 */
public final class DrainWakeups {

    /** No batching: every queued frame schedules its client's drain at once (no media clock needed). */
    public static final DrainWakeups IMMEDIATE = new DrainWakeups(false);

    private final boolean batched;
    private final ConcurrentHashMap<EventLoop, LoopDrainBatch> batches = new ConcurrentHashMap<>();
    private volatile LoopDrainBatch[] all = new LoopDrainBatch[0];

    private DrainWakeups(boolean batched) {
        this.batched = batched;
    }

    /** Batches per event loop, woken by {@link #wakeAll()}, which the caller must run every tick. */
    public static DrainWakeups perTick() {
        return new DrainWakeups(true);
    }

    /** The batch of {@code loop}'s drain tasks, or {@code null} when drains are scheduled one by one. */
    LoopDrainBatch batchFor(EventLoop loop) {
        if (!batched) {
            return null;
        }
        return batches.computeIfAbsent(loop, l -> {
            LoopDrainBatch batch = new LoopDrainBatch(l);
            synchronized (this) {
                LoopDrainBatch[] grown = Arrays.copyOf(all, all.length + 1);
                grown[grown.length - 1] = batch;
                all = grown;
            }
            return batch;
        });
    }

    /** Wakes every event loop that has drain tasks waiting, once. */
    public void wakeAll() {
        for (LoopDrainBatch batch : all) {
            batch.wake();
        }
    }
}
