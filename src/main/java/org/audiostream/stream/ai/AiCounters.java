package org.audiostream.stream.ai;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.audiostream.observe.HistogramReading;

/**
 * Process-wide AI counters, exported as metrics. Threads: thread-safe (atomics; the histogram records
 * wait-free from the clock shards and is read on the scraping thread).
 */
public final class AiCounters {

    private static final long MAX_DELAY_NANOS = TimeUnit.SECONDS.toNanos(10);

    final AtomicLong sessionsStarted = new AtomicLong();
    final AtomicLong bargeIns = new AtomicLong();
    final AtomicLong localBargeIns = new AtomicLong();
    final AtomicLong localBargeInsUnconfirmed = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicLong recycles = new AtomicLong();
    final AtomicLong watchdogStalls = new AtomicLong();
    final AtomicLong responses = new AtomicLong();
    final AtomicLong serverErrors = new AtomicLong();
    final AtomicLong catchUpDroppedMs = new AtomicLong();
    private final ConcurrentHistogram firstAudioDelayNanos = new ConcurrentHistogram(1, MAX_DELAY_NANOS, 2);
    private final ConcurrentHistogram firstAudioQueuedNanos = new ConcurrentHistogram(1, MAX_DELAY_NANOS, 2);

    public long sessionsStarted() {
        return sessionsStarted.get();
    }

    public long bargeIns() {
        return bargeIns.get();
    }

    /** Times the local detector silenced the agent before the server reported speech. */
    public long localBargeIns() {
        return localBargeIns.get();
    }

    /** Local barge-ins the server never confirmed: the agent resumed. */
    public long localBargeInsUnconfirmed() {
        return localBargeInsUnconfirmed.get();
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

    /**
     * The gateway's own share of response latency: from the arrival of a response's first audio delta to the
     * tick that plays its first frame (decoding, the playout path, the wait for the next tick).
     */
    void recordFirstAudioDelay(long nanos) {
        firstAudioDelayNanos.recordValue(Math.min(Math.max(nanos, 1), MAX_DELAY_NANOS));
    }

    /**
     * The gateway's processing of a response's first audio delta, or of a TTS provider's first audio of a
     * sentence: from its arrival to its being in the inject buffer, without the wait for the next tick.
     */
    void recordFirstAudioQueued(long nanos) {
        firstAudioQueuedNanos.recordValue(Math.min(Math.max(nanos, 1), MAX_DELAY_NANOS));
    }

    /** {@link #recordFirstAudioQueued} since start, in the buckets {@code upperBoundsSeconds}. */
    public HistogramReading firstAudioQueued(double[] upperBoundsSeconds) {
        return HistogramReading.ofNanos(firstAudioQueuedNanos.copy(), upperBoundsSeconds);
    }

    /** {@link #recordFirstAudioDelay} since start, in the buckets {@code upperBoundsSeconds}. */
    public HistogramReading firstAudioDelay(double[] upperBoundsSeconds) {
        return HistogramReading.ofNanos(firstAudioDelayNanos.copy(), upperBoundsSeconds);
    }
}
