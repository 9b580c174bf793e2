package org.audiostream.observe;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * "Log at most once per interval" (seed §6.3), with the count of what it held back so the next line
 * can say {@code suppressed=N}:
 *
 * <pre>{@code
 * long suppressed = overflowLog.tryAcquire(nowNanos);
 * if (suppressed >= 0) LOG.warn(uuid, "buffer_overflow", "dropped", "suppressed", suppressed, ...);
 * }</pre>
 *
 * <p>Threads: thread-safe and lock-free; allocation-free, so callable from a media thread.
 */
public final class RateLimitedLog {

    private final long intervalNanos;
    /** Time of the last permitted line; {@code Long.MIN_VALUE} until the first. */
    private final AtomicLong lastPermitted = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    public RateLimitedLog(long interval, TimeUnit unit) {
        if (interval <= 0) {
            throw new IllegalArgumentException("rate-limit interval must be positive: interval=" + interval + " " + unit);
        }
        this.intervalNanos = unit.toNanos(interval);
    }

    /**
     * @return the number of lines suppressed since the last permitted one (≥ 0) if this line may be
     *     logged now, or {@code -1} if it must be suppressed (it is then counted)
     */
    public long tryAcquire(long nowNanos) {
        long last = lastPermitted.get();
        if ((last == Long.MIN_VALUE || nowNanos - last >= intervalNanos) && lastPermitted.compareAndSet(last, nowNanos)) {
            return suppressed.getAndSet(0);
        }
        suppressed.incrementAndGet();
        return -1;
    }

    /** Lines held back since the last permitted one. */
    public long pendingSuppressed() {
        return suppressed.get();
    }
}
