package org.audiostream.event;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;

/**
 * Fans events out to subscribers (SSE and WebSocket streams, webhooks, the demo's printer) on one
 * dispatcher thread, so a slow subscriber never slows a publisher. Publishing never blocks: when the
 * queue is full the event is dropped and counted. Subscribers must not block either; those that queue
 * (event streams) count what they drop here too ({@link #countSubscriberDrop}), so {@link #droppedCount}
 * is every event some subscriber did not get. A subscriber that throws is logged and kept.
 *
 * <p>Threads: {@link #publish} from any thread (media shards included); subscribers are called on
 * the {@code event-dispatch} thread, in publish order.
 */
public final class EventBus implements AutoCloseable {

    private static final Log LOG = Log.of(Component.API);
    static final int QUEUE_CAPACITY = 65_536;

    /** A registered subscriber; {@link #close} stops delivery. */
    public final class Subscription implements AutoCloseable {
        private final EventFilter filter;
        private final Consumer<Event> sink;

        private Subscription(EventFilter filter, Consumer<Event> sink) {
            this.filter = filter;
            this.sink = sink;
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }

    private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong subscriberDropped = new AtomicLong();
    private final Thread dispatcher;
    private volatile boolean running = true;

    public EventBus() {
        dispatcher = new Thread(this::dispatchLoop, "event-dispatch");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    /**
     * Queues an event for delivery; false (and counted) if the queue is full. Never blocks. With no
     * subscriber the event goes nowhere: it is neither queued nor counted, and the dispatcher is not woken.
     */
    public boolean publish(Event event) {
        if (subscriptions.isEmpty()) {
            return true;
        }
        if (!queue.offer(event)) {
            dropped.incrementAndGet();
            return false;
        }
        published.incrementAndGet();
        return true;
    }

    public Subscription subscribe(EventFilter filter, Consumer<Event> sink) {
        Subscription s = new Subscription(filter, sink);
        subscriptions.add(s);
        return s;
    }

    public long publishedCount() {
        return published.get();
    }

    /** Events dropped because the bus's queue was full, plus those a subscriber dropped. */
    public long droppedCount() {
        return dropped.get() + subscriberDropped.get();
    }

    /** A subscriber could not take an event (its own queue was full). */
    public void countSubscriberDrop() {
        subscriberDropped.incrementAndGet();
    }

    public int subscriberCount() {
        return subscriptions.size();
    }

    /** Whether anybody listens: publishers of frequent events skip building them when nobody does. */
    public boolean hasSubscribers() {
        return !subscriptions.isEmpty();
    }

    /** Stops the dispatcher after it has delivered what is already queued (up to {@code timeoutMs}). */
    @Override
    public void close() {
        close(2000);
    }

    public void close(long timeoutMs) {
        running = false;
        dispatcher.interrupt();
        try {
            dispatcher.join(timeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void dispatchLoop() {
        try {
            while (running) {
                Event e = queue.poll(100, TimeUnit.MILLISECONDS);
                if (e != null) {
                    deliver(e);
                }
            }
        } catch (InterruptedException closing) {
            // close(): fall through and flush
        }
        for (Event e = queue.poll(); e != null; e = queue.poll()) {
            deliver(e);
        }
    }

    private void deliver(Event e) {
        for (Subscription s : subscriptions) {
            if (!s.filter.matches(e)) {
                continue;
            }
            try {
                s.sink.accept(e);
            } catch (RuntimeException ex) {
                LOG.error(e.sessionUuid(), "event_deliver", "failed", ex, "subclass", e.subclass());
            }
        }
    }
}
