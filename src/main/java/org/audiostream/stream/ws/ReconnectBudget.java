package org.audiostream.stream.ws;

import io.github.resilience4j.core.IntervalFunction;

/**
 * Counts consecutive reconnect attempts against {@code AUDIO_STREAM_RECONNECT_MAX} and gives the back-off
 * delay of the next one. A connection that stayed open for {@code resetAfterNanos} gives the whole budget back,
 * so a long call survives several isolated drops while a flapping target (connects, drops at once) runs out.
 *
 * <p>Threads: confined to the client's event loop.
 */
final class ReconnectBudget {

    private final int max;
    private final IntervalFunction backoff;
    private final long resetAfterNanos;
    private int used;

    ReconnectBudget(int max, IntervalFunction backoff, long resetAfterNanos) {
        this.max = max;
        this.backoff = backoff;
        this.resetAfterNanos = resetAfterNanos;
    }

    /** An open connection ended after {@code openNanos}. */
    void connectionEnded(long openNanos) {
        if (openNanos >= resetAfterNanos) {
            used = 0;
        }
    }

    /** Takes one attempt; returns its delay in ms, or -1 when the budget is used up. */
    long next() {
        if (used >= max) {
            return -1;
        }
        used++;
        return backoff.apply(used);
    }

    /** Attempts taken since the budget was last full. */
    int used() {
        return used;
    }

    /** For messages: empty before any reconnect, else {@code ", reconnect 2/3"}. */
    String label() {
        return used == 0 ? "" : ", reconnect " + used + "/" + max;
    }
}
