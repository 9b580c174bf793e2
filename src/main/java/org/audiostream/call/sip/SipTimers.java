package org.audiostream.call.sip;

import java.time.Duration;

/**
 * RFC 3261 §17 timer base values and the timers derived from them (table 4 of the RFC).
 * Tests pass a small T1 to run timeouts quickly.
 * Threads: immutable; any thread.
 *
 * @param t1 RTT estimate (default 500 ms)
 * @param t2 maximum retransmit interval for non-INVITE requests and INVITE responses (4 s)
 * @param t4 maximum time a message remains in the network (5 s)
 */
public record SipTimers(Duration t1, Duration t2, Duration t4) {

    public static final SipTimers DEFAULT = new SipTimers(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(5));

    public SipTimers {
        if (t1.isNegative() || t1.isZero() || t2.compareTo(t1) < 0 || t4.isNegative()) {
            throw new IllegalArgumentException("SIP timers invalid: T1=" + t1 + " must be > 0 and <= T2=" + t2 + ", T4=" + t4 + " >= 0");
        }
    }

    long t1Millis() {
        return t1.toMillis();
    }

    long t2Millis() {
        return t2.toMillis();
    }

    long t4Millis() {
        return t4.toMillis();
    }

    /** 64·T1: Timers B, F, H, J (unreliable) and L. */
    long transactionTimeoutMillis() {
        return 64 * t1.toMillis();
    }

    /** Next retransmission interval: doubled, capped at T2. */
    long backoff(long intervalMillis) {
        return Math.min(intervalMillis * 2, t2.toMillis());
    }
}
