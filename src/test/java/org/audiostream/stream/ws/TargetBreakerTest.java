package org.audiostream.stream.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.audiostream.stream.ws.TargetBreaker.Permit;
import org.junit.jupiter.api.Test;

class TargetBreakerTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<String> transitions = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final TargetBreakers registry = new TargetBreakers(BreakerPolicy.DEFAULT, now::get, 3,
            (target, from, to, reason) -> transitions.add(target + " " + from + "->" + to + " " + reason));
    private final TargetBreaker breaker = registry.forUrl(WsUrl.parse("ws://app:9000/stream?call=1"));

    private void advanceSeconds(double s) {
        now.addAndGet((long) (s * 1e9));
    }

    private void fail(int times, double secondsApart) {
        for (int i = 0; i < times; i++) {
            Permit p = breaker.tryAcquire();
            assertThat(p).isEqualTo(Permit.NORMAL);
            breaker.onFailure(p);
            advanceSeconds(secondsApart);
        }
    }

    @Test
    void fiveFailuresWithinSixtySecondsOpen() {
        fail(4, 14);
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        breaker.onFailure(breaker.tryAcquire()); // 5th failure at t=56 s
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.tryAcquire()).isEqualTo(Permit.REFUSED);
        assertThat(breaker.refusalMessage()).isEqualTo("WS connect refused by circuit breaker:"
                + " target=ws://app:9000 state=OPEN after 5 failures in 60 s, probe in 30000 ms");
    }

    @Test
    void failuresSpreadOverMoreThanTheWindowDoNotOpen() {
        fail(10, 15.1); // any 5 consecutive failures span 60.4 s
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(breaker.snapshot().failuresInWindow()).isEqualTo(3); // t=151 s: 105.7, 120.8, 135.9
    }

    @Test
    void successesInBetweenDoNotHideFailures() {
        for (int i = 0; i < 5; i++) {
            breaker.onSuccess(breaker.tryAcquire());
            breaker.onSuccess(breaker.tryAcquire());
            breaker.onFailure(breaker.tryAcquire());
            advanceSeconds(1);
        }
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void cooldownThenExactlyOneProbeThenSuccessCloses() {
        fail(5, 0);
        advanceSeconds(29.999);
        assertThat(breaker.tryAcquire()).isEqualTo(Permit.REFUSED);
        advanceSeconds(0.001);
        assertThat(breaker.tryAcquire()).isEqualTo(Permit.PROBE);
        assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(breaker.tryAcquire()).isEqualTo(Permit.REFUSED);
        assertThat(breaker.refusalMessage()).isEqualTo("WS connect refused by circuit breaker:"
                + " target=ws://app:9000 state=HALF_OPEN, probe connection in flight");
        breaker.onSuccess(Permit.PROBE);
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(breaker.snapshot()).isEqualTo(
                new TargetBreaker.Snapshot("ws://app:9000", BreakerState.CLOSED, 0, 1, 1, 2, 0));
        assertThat(transitions).containsExactly("ws://app:9000 CLOSED->OPEN 5 failures in 60 s",
                "ws://app:9000 OPEN->HALF_OPEN cooldown over", "ws://app:9000 HALF_OPEN->CLOSED probe connected");
        fail(4, 0); // the window was cleared by closing
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void probeFailureOpensForAnotherCooldown() {
        fail(5, 0);
        advanceSeconds(30);
        Permit probe = breaker.tryAcquire();
        advanceSeconds(2);
        breaker.onFailure(probe);
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.snapshot().retryInMillis()).isEqualTo(30_000);
        advanceSeconds(30);
        assertThat(breaker.tryAcquire()).isEqualTo(Permit.PROBE);
        assertThat(breaker.snapshot().opens()).isEqualTo(2);
    }

    @Test
    void abandonedProbeFreesTheSlot() {
        fail(5, 0);
        advanceSeconds(30);
        breaker.release(breaker.tryAcquire());
        assertThat(breaker.tryAcquire()).isEqualTo(Permit.PROBE);
    }

    @Test
    void probeThatNeverReportsStopsBlockingAfterMaxProbeDuration() {
        fail(5, 0);
        advanceSeconds(30);
        assertThat(breaker.tryAcquire()).isEqualTo(Permit.PROBE);
        advanceSeconds(59.9);
        assertThat(breaker.tryAcquire()).isEqualTo(Permit.REFUSED);
        advanceSeconds(0.1);
        assertThat(breaker.tryAcquire()).isEqualTo(Permit.PROBE);
    }

    @Test
    void stragglerFailureWhileOpenDoesNotRestartTheCooldown() {
        Permit straggler = breaker.tryAcquire();
        fail(5, 0);
        advanceSeconds(20);
        breaker.onFailure(straggler);
        advanceSeconds(10);
        assertThat(breaker.tryAcquire()).isEqualTo(Permit.PROBE);
    }

    @Test
    void stragglerSuccessWhileOpenCloses() {
        Permit straggler = breaker.tryAcquire();
        fail(5, 0);
        breaker.onSuccess(straggler);
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(breaker.tryAcquire()).isEqualTo(Permit.NORMAL);
    }

    @Test
    void refusedPermitsReportNothing() {
        fail(5, 0);
        breaker.onFailure(Permit.REFUSED);
        breaker.onSuccess(Permit.REFUSED);
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void concurrentAcquirersGetExactlyOneProbe() throws InterruptedException {
        fail(5, 0);
        advanceSeconds(30);
        int threads = 20;
        AtomicInteger probes = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            all.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                (breaker.tryAcquire() == Permit.PROBE ? probes : refused).incrementAndGet();
            }));
        }
        start.countDown();
        for (Thread t : all) {
            t.join();
        }
        assertThat(probes.get()).isEqualTo(1);
        assertThat(refused.get()).isEqualTo(threads - 1);
    }

    @Test
    void registrySharesOneBreakerPerServerIgnoringPathAndQuery() {
        assertThat(registry.forUrl(WsUrl.parse("WS://APP:9000/stream?call=2"))).isSameAs(breaker);
        assertThat(registry.forUrl(WsUrl.parse("ws://app:9000/other"))).isSameAs(breaker);
        assertThat(registry.forUrl(WsUrl.parse("ws://app:9001/stream"))).isNotSameAs(breaker);
        assertThat(registry.forUrl(WsUrl.parse("wss://app:9000/stream"))).isNotSameAs(breaker);
    }

    @Test
    void registryPurgesIdleBreakersPastItsBound() {
        fail(1, 0); // breaker for ws://app:9000 is not idle
        registry.forUrl(WsUrl.parse("ws://a/1"));
        registry.forUrl(WsUrl.parse("ws://b/2"));
        assertThat(registry.size()).isEqualTo(3);
        registry.forUrl(WsUrl.parse("ws://c/3"));
        assertThat(registry.size()).isEqualTo(2);
        assertThat(registry.forUrl(WsUrl.parse("ws://app:9000/stream"))).isSameAs(breaker);
    }

    @Test
    void policyValidation() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new BreakerPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessage("breaker policy rejected: failureThreshold=0 out of range 1-1000");
    }
}
