package org.audiostream.call.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

/** Starting a live UAS on loopback and checking that it leaves nothing behind. */
final class UasTestSupport {

    static final SipTimers TEST_TIMERS = new SipTimers(Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMillis(200));

    private UasTestSupport() {
    }

    static SipUasConfig.Builder config() {
        return SipUasConfig.builder().bind("127.0.0.1", 0).timers(TEST_TIMERS).shutdownTimeout(Duration.ofSeconds(3));
    }

    static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toSet());
    }

    /** No call, dialog or transaction left once the timers ran out (64·T1 = 3.2 s here). */
    static void assertDrained(SipUas uas) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(uas.liveCalls()).isZero();
            assertThat(uas.dialogCount()).isZero();
            assertThat(uas.transactionCount()).isZero();
        });
    }

    /** After close: no SIP thread, and no thread this test started is still running. */
    static void assertThreadsBackTo(Set<String> baseline) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Set<String> now = threadNames();
            now.removeAll(baseline);
            // JDK-wide helpers that outlive a test by design: the common pool, Awaitility's
            // poller, and the process reaper ProcessBuilder starts (it idles out on its own).
            now.removeIf(n -> n.startsWith("ForkJoinPool") || n.startsWith("awaitility") || n.equals("process reaper"));
            assertThat(now).isEmpty();
        });
    }
}
