package org.audiostream.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {

    private static final long MS = 1_000_000L;

    @Test
    void permitsOncePerIntervalAndReportsWhatItSuppressed() {
        RateLimitedLog limiter = new RateLimitedLog(5, TimeUnit.SECONDS);
        assertThat(limiter.tryAcquire(0)).isZero();
        assertThat(limiter.tryAcquire(1000 * MS)).isEqualTo(-1);
        assertThat(limiter.tryAcquire(4999 * MS)).isEqualTo(-1);
        assertThat(limiter.pendingSuppressed()).isEqualTo(2);
        assertThat(limiter.tryAcquire(5000 * MS)).isEqualTo(2);
        assertThat(limiter.tryAcquire(5001 * MS)).isEqualTo(-1);
        assertThat(limiter.tryAcquire(20_000 * MS)).isEqualTo(1);
    }

    @Test
    void firstCallIsPermittedEvenAtNegativeNanoTime() {
        assertThat(new RateLimitedLog(1, TimeUnit.SECONDS).tryAcquire(-5_000_000_000L)).isZero();
    }

    @Test
    void concurrentCallersGetExactlyOnePermitPerInterval() throws InterruptedException {
        RateLimitedLog limiter = new RateLimitedLog(1, TimeUnit.HOURS);
        int threads = 4;
        int perThread = 10_000;
        java.util.concurrent.atomic.AtomicInteger permits = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            ts[t] = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    if (limiter.tryAcquire(42) >= 0) {
                        permits.incrementAndGet();
                    }
                }
            });
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        assertThat(permits.get()).isEqualTo(1);
        assertThat(limiter.pendingSuppressed()).isEqualTo(threads * perThread - 1);
    }
}
