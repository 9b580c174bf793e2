package org.audiostream.stream.ws;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The live counters behind {@link WsStreamStats}; the connection events also go to the process's
 * {@link WsTotals}. Threads: the media thread increments the offer counters, the event loop the others;
 * anyone may take a {@link #snapshot()}.
 */
final class WsStreamCounters {
    private final WsTotals process;

    final AtomicLong framesOffered = new AtomicLong();
    final AtomicLong framesSent = new AtomicLong();
    final AtomicLong bytesSent = new AtomicLong();
    final AtomicLong framesDroppedNotConnected = new AtomicLong();
    final AtomicLong framesDroppedQueueFull = new AtomicLong();
    final AtomicLong framesDiscarded = new AtomicLong();
    final AtomicLong textsSent = new AtomicLong();
    final AtomicLong textsDropped = new AtomicLong();
    final AtomicLong connectAttempts = new AtomicLong();
    final AtomicLong connects = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    final AtomicLong breakerRefusals = new AtomicLong();
    final AtomicLong pingsSent = new AtomicLong();
    final AtomicLong pongsReceived = new AtomicLong();
    final AtomicLong messagesReceived = new AtomicLong();

    WsStreamCounters(WsTotals process) {
        this.process = process;
    }

    void connectAttempt() {
        connectAttempts.incrementAndGet();
        process.connectAttempts.increment();
    }

    void connected() {
        connects.incrementAndGet();
        process.connects.increment();
    }

    void connectFailed() {
        process.connectFailures.increment();
    }

    void reconnect() {
        reconnects.incrementAndGet();
        process.reconnects.increment();
    }

    void streamFailed() {
        process.streamFailures.increment();
    }

    void breakerRefusal() {
        breakerRefusals.incrementAndGet();
        process.breakerRefusals.increment();
    }

    WsStreamStats snapshot() {
        return new WsStreamStats(framesOffered.get(), framesSent.get(), bytesSent.get(),
                framesDroppedNotConnected.get(), framesDroppedQueueFull.get(), framesDiscarded.get(), textsSent.get(),
                textsDropped.get(), connectAttempts.get(), connects.get(), reconnects.get(), breakerRefusals.get(),
                pingsSent.get(), pongsReceived.get(), messagesReceived.get());
    }
}
