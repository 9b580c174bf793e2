package org.audiostream.stream.ai;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Process-wide AI counters, exported as metrics. Threads: thread-safe (atomics).
 */
public final class AiCounters {

    final AtomicLong sessionsStarted = new AtomicLong();
    final AtomicLong bargeIns = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicLong recycles = new AtomicLong();
    final AtomicLong watchdogStalls = new AtomicLong();
    final AtomicLong responses = new AtomicLong();
    final AtomicLong serverErrors = new AtomicLong();
    final AtomicLong catchUpDroppedMs = new AtomicLong();

    public long sessionsStarted() {
        return sessionsStarted.get();
    }

    public long bargeIns() {
        return bargeIns.get();
    }

    public long reconnects() {
        return reconnects.get();
    }

    public long failures() {
        return failures.get();
    }

    public long recycles() {
        return recycles.get();
    }

    public long watchdogStalls() {
        return watchdogStalls.get();
    }

    public long responses() {
        return responses.get();
    }

    public long serverErrors() {
        return serverErrors.get();
    }

    public long catchUpDroppedMs() {
        return catchUpDroppedMs.get();
    }
}
