package org.audiostream.stream.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import org.audiostream.testing.PythonWsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reconnect rules: none after a 1000 close, bounded after drops, metadata first on every connection. */
class WsReconnectIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final WsTestHarness harness = new WsTestHarness();

    @AfterEach
    void tearDown() throws InterruptedException {
        harness.close();
    }

    private static WsClientConfig config(String url, int reconnectMax) {
        return WsClientConfig.builder(WsUrl.parse(url)).metadata("meta").reconnectMax(reconnectMax)
                .reconnectBackoff(IntervalFunction.of(Duration.ofMillis(50))).build();
    }

    @Test
    void normalCloseFromServerWhileStreamingIsNotFollowedByReconnect() throws Exception {
        PythonWsServer server = harness.server("--close-after", "5", "--close-code", "1000");
        RecordingListener events = new RecordingListener();
        WsStreamClient client = harness.client(config(server.url("/r"), 3), events);
        client.connect();
        byte[] frame = new byte[320];
        while (client.state() != WsStreamClient.State.CLOSED) { // keep streaming through the close
            client.offerAudio(frame, 0, frame.length);
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
        assertThat(events.calls).containsExactly("connected", "disconnected 1000 test close", "closed");
        Thread.sleep(200); // a wrong reconnect would be scheduled 50 ms later
        assertThat(server.events("connect")).hasSize(1);
        assertThat(client.stats().connectAttempts()).isEqualTo(1);
    }

    @Test
    void goingAwayCloseIsFollowedByReconnect() throws Exception {
        PythonWsServer server = harness.server("--close-after", "1", "--close-code", "1001");
        RecordingListener events = new RecordingListener();
        WsStreamClient client = harness.client(config(server.url("/r"), 1), events);
        client.connect();
        WsTestHarness.awaitClosed(client, WAIT);
        assertThat(events.calls).containsExactly("connected", "disconnected 1001 test close", "reconnecting 1",
                "connected", "disconnected 1001 test close",
                "error 1 connection closed: code=1001 reason=test close (url=" + server.url("/r") + ", reconnect 1/1)",
                "closed");
        assertThat(server.events("connect")).hasSize(2);
    }

    @Test
    void droppedConnectionsReconnectWithMetadataFirstUntilTheBudgetIsUsed() throws Exception {
        PythonWsServer server = harness.server("--drop-after", "3");
        RecordingListener events = new RecordingListener();
        WsStreamClient[] holder = new WsStreamClient[1];
        Thread producer = Thread.ofPlatform().daemon().start(() -> {
            byte[] frame = new byte[160];
            while (holder[0] == null || holder[0].state() != WsStreamClient.State.CLOSED) {
                if (holder[0] != null) {
                    holder[0].offerAudio(frame, 0, frame.length);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
        });
        WsStreamClient client = harness.client(config(server.url("/r"), 2), events);
        holder[0] = client;
        client.connect();
        WsTestHarness.awaitClosed(client, WAIT);
        producer.join();

        // an abort with unread data arrives as a TCP reset: an IO error (code 1) precedes that disconnect
        assertThat(events.starting("error ")).as("one error, when the stream gives up").singleElement().asString()
                .startsWith("error 1 ");
        assertThat(events.calls.stream().filter(c -> !c.startsWith("error "))
                .map(c -> c.startsWith("disconnected 1006 ") ? "disconnected 1006" : c))
                .containsExactly("connected", "disconnected 1006", "reconnecting 1", "connected", "disconnected 1006",
                        "reconnecting 2", "connected", "disconnected 1006", "closed");
        assertThat(server.events("connect")).hasSize(3);
        for (int conn = 1; conn <= 3; conn++) {
            assertThat(server.frames(conn).get(0).get("text").asString()).as("conn %d", conn).isEqualTo("meta");
            assertThat(server.frames(conn).subList(1, 3)).allMatch(f -> f.get("type").asString().equals("binary"));
        }
        WsStreamStats stats = client.stats();
        assertThat(stats.connects()).isEqualTo(3);
        assertThat(stats.reconnects()).isEqualTo(2);
        assertThat(stats.framesOffered()).isEqualTo(stats.framesSent() + stats.framesDropped());
    }

    @Test
    void serverRestartIsBridgedByReconnect() throws Exception {
        PythonWsServer first = harness.server();
        int port = first.port();
        RecordingListener events = new RecordingListener();
        WsClientConfig config = WsClientConfig.builder(WsUrl.parse(first.url("/r"))).metadata("meta").reconnectMax(20)
                .reconnectBackoff(IntervalFunction.of(Duration.ofMillis(100))).build();
        WsStreamClient client = harness.client(config, events);
        client.connect();
        events.awaitCall("connected", WAIT);
        first.close();
        events.awaitCall("reconnecting 2", WAIT); // the first reconnect found nobody listening
        PythonWsServer second = harness.serverOnPort(port);
        second.await(e -> e.get("event").asString().equals("frame"), WAIT);
        assertThat(second.frames(1).get(0).get("text").asString()).isEqualTo("meta");
        assertThat(events.starting("disconnected ")).hasSize(1).allMatch(c -> c.startsWith("disconnected 1006 "));
        assertThat(events.starting("error ")).as("failed retries are logged, not reported").isEmpty();
        assertThat(events.calls.get(events.calls.size() - 1)).isEqualTo("connected");
        assertThat(client.state()).isEqualTo(WsStreamClient.State.OPEN);
    }
}
