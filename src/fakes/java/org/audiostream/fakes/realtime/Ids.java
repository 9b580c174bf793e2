package org.audiostream.fakes.realtime;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Identifiers shaped like the service's ({@code event_…}, {@code item_…}, {@code resp_…}, {@code sess_…},
 * {@code call_…}, {@code conv_…}): the prefix, then a counter in base 36 after a fixed tag, so they sort in
 * creation order and never collide within one server.
 *
 * <p>Threads: thread-safe (one atomic counter).
 */
final class Ids {

    private final AtomicLong next = new AtomicLong(1);
    private final String tag;

    Ids(int serverNumber) {
        this.tag = "Fk" + Integer.toString(serverNumber, 36) + "x";
    }

    String event() {
        return next("event");
    }

    String item() {
        return next("item");
    }

    String response() {
        return next("resp");
    }

    String session() {
        return next("sess");
    }

    String call() {
        return next("call");
    }

    String conversation() {
        return next("conv");
    }

    private String next(String prefix) {
        String n = Long.toString(next.getAndIncrement(), 36);
        return prefix + "_" + tag + "0".repeat(Math.max(0, 12 - n.length())) + n;
    }
}
