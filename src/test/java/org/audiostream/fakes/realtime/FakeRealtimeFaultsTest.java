package org.audiostream.fakes.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.audiostream.fakes.realtime.RealtimeTestClient.Frame;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The fault paths a reconnecting client must survive, PINGs, the stall switch, and a clean shutdown. */
class FakeRealtimeFaultsTest {

    private static FakeRealtimeConfig.Builder config() {
        return FakeRealtimeConfig.builder().apiKey("sk-test");
    }

    @Test
    void dropAllClosesWithoutACloseFrame() {
        try (FakeRealtimeServer server = FakeRealtimeServer.start(config().build());
                RealtimeTestClient client = RealtimeTestClient.connect(server, "sk-test")) {
            client.next("session.created");
            server.dropAll();
            Frame close = client.awaitClose();
            assertThat(close.closeCode()).isEqualTo(1006);
            FakeRealtimeSession session = server.sessions().getFirst();
            await().atMost(RealtimeTestClient.WAIT).until(session::closed);
            assertThat(session.closeCodeSent()).isEqualTo(-1);
        }
    }

    @Test
    void closeAllSendsTheCodeAndReason() {
        try (FakeRealtimeServer server = FakeRealtimeServer.start(config().build());
                RealtimeTestClient client = RealtimeTestClient.connect(server, "sk-test")) {
            client.next("session.created");
            server.closeAll(1012, "service restart");
            Frame close = client.awaitClose();
            assertThat(close.closeCode()).isEqualTo(1012);
            assertThat(close.closeReason()).isEqualTo("service restart");
            assertThat(server.sessions().getFirst().closeCodeSent()).isEqualTo(1012);
        }
    }

    @Test
    void theSessionCapEndsWithSessionExpiredAnd1001() {
        try (FakeRealtimeServer server = FakeRealtimeServer.start(config().maxSessionDuration(Duration.ofMillis(300)).build());
                RealtimeTestClient client = RealtimeTestClient.connect(server, "sk-test")) {
            long expiresAt = client.next("session.created").path("session").path("expires_at").asLong();
            assertThat(expiresAt).isBetween(System.currentTimeMillis() / 1000 - 1, System.currentTimeMillis() / 1000 + 2);
            JsonNode error = client.next("error").path("error");
            assertThat(error.path("code").asString()).isEqualTo("session_expired");
            assertThat(error.path("message").asString()).startsWith("Your session hit the maximum duration of");
            assertThat(client.awaitClose().closeCode()).isEqualTo(1001);
        }
    }

    @Test
    void expireAllDoesTheSameOnDemand() {
        try (FakeRealtimeServer server = FakeRealtimeServer.start(config().build());
                RealtimeTestClient client = RealtimeTestClient.connect(server, "sk-test")) {
            client.next("session.created");
            server.expireAll();
            assertThat(client.next("error").path("error").path("message").asString())
                    .isEqualTo("Your session hit the maximum duration of 60 minutes.");
            Frame close = client.awaitClose();
            assertThat(close.closeCode()).isEqualTo(1001);
            assertThat(close.closeReason()).isEqualTo("invalid_request_error.session_expired");
        }
    }

    @Test
    void aStalledServerReadsButSendsNoEventUntilResumed() {
        try (FakeRealtimeServer server = FakeRealtimeServer.start(config().pingInterval(Duration.ofMillis(50)).build());
                RealtimeTestClient client = RealtimeTestClient.connect(server, "sk-test")) {
            client.next("session.created");
            server.setStalled(true);
            client.send("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\"}}");
            client.send("{\"type\":\"response.create\"}");
            client.assertSilentFor(Duration.ofMillis(400));
            FakeRealtimeSession session = server.sessions().getFirst();
            assertThat(session.clientEvents()).hasSize(2);
            assertThat(session.closed()).isFalse();
            server.setStalled(false);
            client.send("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\"}}");
            client.next("session.updated");
        }
    }

    @Test
    void theServerPingsOnItsCadenceAndTheClientsCloseIsEchoed() {
        try (FakeRealtimeServer server = FakeRealtimeServer.start(config().pingInterval(Duration.ofMillis(50)).build())) {
            java.util.concurrent.atomic.AtomicInteger pings = new java.util.concurrent.atomic.AtomicInteger();
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.http.WebSocket ws = http.newWebSocketBuilder().header("Authorization", "Bearer sk-test")
                    .buildAsync(java.net.URI.create(server.url() + "?model=gpt-realtime-2.1"),
                            new java.net.http.WebSocket.Listener() {
                                @Override
                                public java.util.concurrent.CompletionStage<?> onPing(java.net.http.WebSocket w,
                                        java.nio.ByteBuffer message) {
                                    if (message.remaining() == 4) {
                                        pings.incrementAndGet();
                                    }
                                    w.request(1);
                                    return null;
                                }
                            }).join();
            await().atMost(RealtimeTestClient.WAIT).until(() -> pings.get() >= 3);
            ws.sendClose(4321, "bye").join();
            FakeRealtimeSession session = server.awaitSession(0, RealtimeTestClient.WAIT);
            await().atMost(RealtimeTestClient.WAIT).until(session::closed);
            assertThat(session.closeCodeReceived()).isEqualTo(4321);
            assertThat(session.closeCodeSent()).isEqualTo(4321);
            http.close();
        }
    }

    @Test
    void closeSaysGoingAwayFreesThePortAndLeavesNoThread() throws Exception {
        FakeRealtimeServer server = FakeRealtimeServer.start(config().ioThreads(2).build());
        String prefix = server.threadPrefix();
        int port = server.port();
        try (RealtimeTestClient client = RealtimeTestClient.connect(server, "sk-test")) {
            client.next("session.created");
            client.send("{\"type\":\"response.create\"}");
            client.next("response.output_audio.delta");
            assertThat(threadsNamed(prefix)).isNotEmpty();
            server.close(); // mid-response, with a client connected
            Frame close = client.awaitClose();
            assertThat(close.closeCode()).isEqualTo(1001);
            assertThat(close.closeReason()).isEqualTo("server shutting down");
        }
        assertThat(threadsNamed(prefix)).isEmpty();
        try (java.net.ServerSocket again = new java.net.ServerSocket(port, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    private static Set<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).filter(n -> n.startsWith(prefix + "-"))
                .collect(Collectors.toSet());
    }
}
