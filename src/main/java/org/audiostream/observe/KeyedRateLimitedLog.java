package org.audiostream.observe;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A {@link RateLimitedLog} per kind of problem (seed §6.3), so that one flooding kind does not hide another:
 * "log at most once per interval per kind, then say how many were held back". Kinds are bounded: past
 * {@code maxKinds} distinct kinds the rest share one limiter.
 *
 * <pre>{@code
 * long suppressed = inputErrors.tryAcquire("sampleRate", nowNanos);
 * if (suppressed >= 0) LOG.warn(uuid, "stream_audio", "rejected", "kind", "sampleRate", "suppressed", suppressed, ...);
 * }</pre>
 *
 * <p>Threads: thread-safe; allocation-free once every kind has been seen.
 */
public final class KeyedRateLimitedLog {

    static final String OTHER_KINDS = "other";

    private final long interval;
    private final TimeUnit unit;
    private final int maxKinds;
    private final ConcurrentHashMap<String, RateLimitedLog> byKind = new ConcurrentHashMap<>();

    public KeyedRateLimitedLog(long interval, TimeUnit unit, int maxKinds) {
        this.interval = interval;
        this.unit = unit;
        this.maxKinds = maxKinds;
        byKind.put(OTHER_KINDS, new RateLimitedLog(interval, unit));
    }

    /** As {@link RateLimitedLog#tryAcquire}, for lines of {@code kind}. */
    public long tryAcquire(String kind, long nowNanos) {
        RateLimitedLog log = byKind.get(kind);
        if (log == null) {
            log = byKind.size() > maxKinds ? byKind.get(OTHER_KINDS)
                    : byKind.computeIfAbsent(kind, k -> new RateLimitedLog(interval, unit));
        }
        return log.tryAcquire(nowNanos);
    }
}
