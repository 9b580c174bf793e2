package org.audiostream.fakes.realtime;

import java.util.Objects;

/**
 * One entry of {@code rate_limits.updated}: {@code name} ("requests" or "tokens"), {@code limit},
 * {@code remaining}, {@code reset_seconds}. The fake starts from the configured values and, after each
 * {@code response.done}, takes one request and the response's total tokens off the remaining counts
 * (never below zero).
 */
public record RateLimit(String name, long limit, long remaining, double resetSeconds) {

    public RateLimit {
        Objects.requireNonNull(name, "name");
        if (!name.equals("requests") && !name.equals("tokens")) {
            throw new IllegalArgumentException("rate limit name must be \"requests\" or \"tokens\": name=" + name);
        }
        if (limit < 0 || remaining < 0 || remaining > limit) {
            throw new IllegalArgumentException("rate limit needs 0 <= remaining <= limit: remaining=" + remaining
                    + ", limit=" + limit);
        }
    }

    /** What the live service reported on a fresh account: 15,000,000 tokens, reset in 1 ms. */
    public static RateLimit defaultTokens() {
        return new RateLimit("tokens", 15_000_000, 15_000_000, 0.001);
    }

    RateLimit consume(long requests, long tokens) {
        long used = name.equals("requests") ? requests : tokens;
        return new RateLimit(name, limit, Math.max(0, remaining - used), resetSeconds);
    }
}
