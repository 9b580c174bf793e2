package org.audiostream.stream.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.audiostream.observe.Component;
import org.audiostream.testing.LogCapture;
import org.audiostream.testing.PythonWsServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A dead target (TCP accepted and dropped at once; the server counts every TCP connection) and 20 sessions
 * with reconnects, each on its own per-call path, sharing the server's one breaker: 5 attempts open it, every
 * later start is refused at once without touching the network until the cooldown ends, then exactly one probe
 * goes out. Each session reports one error, when its stream gives up.
 */
class WsBreakerIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration COOLDOWN = Duration.ofSeconds(2);

    private final WsTestHarness harness = new WsTestHarness(
            new BreakerPolicy(5, Duration.ofSeconds(60), COOLDOWN, Duration.ofSeconds(60)));

    @AfterEach
    void tearDown() throws InterruptedException {
        harness.close();
    }

    @Test
    void twentySessionsAgainstADeadTargetMakeFiveAttemptsThenOneProbe() throws Exception {
        PythonWsServer dead = harness.server("--dead");
        WsClientConfig config = WsClientConfig.builder(WsUrl.parse(dead.url("/dead?call=x"))).metadata("m")
                .reconnectMax(2).reconnectBackoff(IntervalFunction.of(Duration.ofMillis(20))).build();
        TargetBreaker breaker = harness.breakers.forUrl(config.url());

        List<RecordingListener> sessions = new ArrayList<>();
        long refusals = 0;
        LogCapture log = LogCapture.of(Component.WS_STREAM);
        for (int i = 0; i < 20; i++) { // calls arrive one after the other
            RecordingListener events = new RecordingListener();
            sessions.add(events);
            WsClientConfig perCall = WsClientConfig.builder(WsUrl.parse(dead.url("/dead/call-" + i))).metadata("m")
                    .reconnectMax(2).reconnectBackoff(IntervalFunction.of(Duration.ofMillis(20))).build();
            WsStreamClient client = harness.client(perCall, events);
            client.connect();
            WsTestHarness.awaitClosed(client, WAIT);
            refusals += client.stats().breakerRefusals();
        }
        dead.awaitCount("tcp", 5, WAIT);
        assertThat(dead.events("tcp")).hasSize(5);
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        // session 1: 3 failed attempts; session 2: 2 failed, then refused; sessions 3-20: refused at once
        assertThat(refusals).isEqualTo(1 + 18);
        assertThat(breaker.snapshot().refusals()).isEqualTo(refusals);
        log.close();
        assertThat(log.matching(e -> e.getFormattedMessage().equals("connect refused")))
                .as("19 refused starts within the rate-limit interval: one line").hasSize(1);
        assertThat(sessions.get(0).calls).as("retries are no errors; one error when the stream gives up")
                .containsExactly("reconnecting 1", "reconnecting 2", sessions.get(0).calls.get(2), "closed");
        assertThat(sessions.get(0).calls.get(2)).startsWith("error ").doesNotStartWith("error 100 ");
        assertThat(sessions.get(19).calls).hasSize(2).last().isEqualTo("closed");
        assertThat(sessions.get(19).calls.get(0)).startsWith("error 100 WS connect refused by circuit breaker:"
                + " target=ws://127.0.0.1:" + dead.port() + " state=OPEN after 5 failures in 60 s, probe in ");

        Awaitility.await().atMost(WAIT).until(() -> breaker.snapshot().retryInMillis() == 0);
        List<WsStreamClient> burst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            burst.add(harness.client(config.toBuilder().reconnectMax(0).build(), new RecordingListener()));
        }
        burst.forEach(WsStreamClient::connect); // five sessions at once after the cooldown
        for (WsStreamClient c : burst) {
            WsTestHarness.awaitClosed(c, WAIT);
        }
        // the client saw its probe fail before the server's line about it may have been read
        dead.awaitCount("tcp", 6, WAIT);
        assertThat(dead.events("tcp")).hasSize(6);
        assertThat(burst.stream().mapToLong(c -> c.stats().connectAttempts()).sum()).isEqualTo(1);
        assertThat(burst.stream().mapToLong(c -> c.stats().breakerRefusals()).sum()).isEqualTo(4);
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.snapshot().opens()).isEqualTo(2);
    }
}
