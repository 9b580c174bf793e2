package org.audiostream.net;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per source address: {@code ratePerSecond} tokens a second, up to a burst of twice that. The
 * table holds at most {@code maxSources} addresses; beyond it the least recently seen is forgotten (it
 * starts again with a full bucket), so a flood from spoofed addresses cannot grow it.
 *
 * <p>Threads: not thread-safe; confine to one thread (the SIP event loop).
 */
public final class SourceRateLimiter {

    private final double ratePerNano;
    private final double burst;
    private final Map<InetAddress, Bucket> buckets;

    private static final class Bucket {
        double tokens;
        long refilledNanos;

        Bucket(double tokens, long nowNanos) {
            this.tokens = tokens;
            this.refilledNanos = nowNanos;
        }
    }

    public SourceRateLimiter(int ratePerSecond, int maxSources) {
        if (ratePerSecond < 1 || maxSources < 1) {
            throw new IllegalArgumentException("rate limit must be positive: rate=" + ratePerSecond + "/s, sources=" + maxSources);
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = 2.0 * ratePerSecond;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
                return size() > maxSources;
            }
        };
    }

    /** Takes one token for {@code source}; false if its bucket is empty. */
    public boolean tryAcquire(InetAddress source, long nowNanos) {
        Bucket bucket = buckets.get(source);
        if (bucket == null) {
            bucket = new Bucket(burst, nowNanos);
            buckets.put(source, bucket);
        }
        bucket.tokens = Math.min(burst, bucket.tokens + (nowNanos - bucket.refilledNanos) * ratePerNano);
        bucket.refilledNanos = nowNanos;
        if (bucket.tokens < 1) {
            return false;
        }
        bucket.tokens -= 1;
        return true;
    }
}
