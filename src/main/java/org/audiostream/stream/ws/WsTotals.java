package org.audiostream.stream.ws;

import java.util.concurrent.atomic.LongAdder;

/**
 * Connection counters of every WS stream client of the process, for metrics (per-client figures are in
 * {@link WsStreamStats}). Threads: written by the clients' event loops, read by any thread.
 */
public final class WsTotals {
    final LongAdder connectAttempts = new LongAdder();
    final LongAdder connects = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder reconnects = new LongAdder();
    final LongAdder breakerRefusals = new LongAdder();
    final LongAdder streamFailures = new LongAdder();

    /** TCP connection attempts made. */
    public long connectAttempts() {
        return connectAttempts.sum();
    }

    /** WebSocket upgrades completed. */
    public long connects() {
        return connects.sum();
    }

    /** Attempts that failed (refused, timed out, upgrade rejected, TLS). */
    public long connectFailures() {
        return connectFailures.sum();
    }

    /** Reconnects scheduled after a failure or a lost connection. */
    public long reconnects() {
        return reconnects.sum();
    }

    /** Streams that gave up (the one {@code error} event each): reconnects used up, refused, or TLS setup failed. */
    public long streamFailures() {
        return streamFailures.sum();
    }

    /** Attempts refused by an open circuit breaker. */
    public long breakerRefusals() {
        return breakerRefusals.sum();
    }
}
