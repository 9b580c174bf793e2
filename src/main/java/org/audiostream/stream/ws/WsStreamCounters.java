package org.audiostream.stream.ws;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The live counters behind {@link WsStreamStats}. Threads: the media thread increments the offer counters,
 * the event loop the others; anyone may take a {@link #snapshot()}.
 */
final class WsStreamCounters {
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

    WsStreamStats snapshot() {
        return new WsStreamStats(framesOffered.get(), framesSent.get(), bytesSent.get(),
                framesDroppedNotConnected.get(), framesDroppedQueueFull.get(), framesDiscarded.get(), textsSent.get(),
                textsDropped.get(), connectAttempts.get(), connects.get(), reconnects.get(), breakerRefusals.get(),
                pingsSent.get(), pongsReceived.get(), messagesReceived.get());
    }
}
