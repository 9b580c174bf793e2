package org.audiostream.stream.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.audiostream.testing.PythonWsServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Heartbeat pings answered by the server, and a server that stops answering them. */
class WsHeartbeatIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final WsTestHarness harness = new WsTestHarness();

    @AfterEach
    void tearDown() throws InterruptedException {
        harness.close();
    }

    private static WsClientConfig config(PythonWsServer server) {
        return WsClientConfig.builder(WsUrl.parse(server.url("/hb"))).metadata("m")
                .heartbeatInterval(Duration.ofMillis(100)).pongTimeout(Duration.ofMillis(300)).build();
    }

    @Test
    void pingsAreSentAndPongsCounted() throws Exception {
        PythonWsServer server = harness.server();
        RecordingListener events = new RecordingListener();
        WsStreamClient client = harness.client(config(server), events);
        client.connect();
        server.awaitCount("ping", 3, WAIT);
        Awaitility.await().atMost(WAIT).until(() -> client.stats().pongsReceived() >= 3);
        assertThat(server.events("ping")).allMatch(p -> p.get("len").asInt() == 8);
        assertThat(events.calls).containsExactly("connected");
        assertThat(client.state()).isEqualTo(WsStreamClient.State.OPEN);
    }

    @Test
    void unansweredPingIsAPingTimeoutThenA1006Disconnect() throws Exception {
        PythonWsServer server = harness.server("--no-pong");
        RecordingListener events = new RecordingListener();
        WsStreamClient client = harness.client(config(server), events);
        client.connect();
        WsTestHarness.awaitClosed(client, WAIT);
        assertThat(events.calls).hasSize(4);
        assertThat(events.calls.get(0)).isEqualTo("connected");
        assertThat(events.calls.get(1)).isEqualTo("disconnected 1006 WS pong timeout: no pong within 300 ms of ping 1");
        assertThat(events.calls.get(2)).as("the error once the stream gives up")
                .isEqualTo("error 5 WS pong timeout: no pong within 300 ms of ping 1 (url=" + server.url("/hb") + ")");
        assertThat(events.calls.get(3)).isEqualTo("closed");
        assertThat(client.stats().pingsSent()).isEqualTo(1);
        assertThat(client.stats().pongsReceived()).isZero();
    }
}
