package org.audiostream.stream.ws;

import java.time.Duration;
import java.util.Objects;

/**
 * Circuit-breaker numbers for one WS target (seed §4.1). Threads: immutable.
 *
 * @param failureThreshold connect failures that open the breaker
 * @param window the span those failures must fall within
 * @param cooldown how long the breaker stays OPEN before one probe is allowed
 * @param maxProbeDuration a probe whose outcome is not reported within this time no longer blocks the
 *     next probe (a client that vanished mid-connect must not wedge the breaker)
 */
public record BreakerPolicy(int failureThreshold, Duration window, Duration cooldown, Duration maxProbeDuration) {

    /** Seed §4.1: 5 failures in 60 s open the breaker for 30 s. */
    public static final BreakerPolicy DEFAULT =
            new BreakerPolicy(5, Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(60));

    public BreakerPolicy {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(cooldown, "cooldown");
        Objects.requireNonNull(maxProbeDuration, "maxProbeDuration");
        if (failureThreshold < 1 || failureThreshold > 1000) {
            throw new IllegalArgumentException("breaker policy rejected: failureThreshold=" + failureThreshold
                    + " out of range 1-1000");
        }
        for (Duration d : new Duration[] {window, cooldown, maxProbeDuration}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("breaker policy rejected: durations must be > 0, got " + d);
            }
        }
    }
}
