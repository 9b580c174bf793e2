package org.audiostream.stream.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.audiostream.testing.PythonWsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** WsStreamClient against a python3-websockets recording server: protocol, headers, deflate, text, stop. */
class WsStreamClientIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String METADATA = "{\"callId\":\"c-1\",\"from\":\"+15550100\"}";

    private final WsTestHarness harness = new WsTestHarness();

    @AfterEach
    void tearDown() throws InterruptedException {
        harness.close();
    }

    private static WsClientConfig.Builder config(PythonWsServer server) {
        return WsClientConfig.builder(WsUrl.parse(server.url("/stream?call=1"))).metadata(METADATA);
    }

    @Test
    void metadataIsAlwaysTheFirstFrameEvenWhenAudioIsOfferedFromTheStart() throws Exception {
        PythonWsServer server = harness.server();
        int rounds = 20;
        byte[] frame = new byte[320];
        long totalSent = 0;
        for (int round = 1; round <= rounds; round++) {
            RecordingListener events = new RecordingListener();
            WsStreamClient client = harness.client(config(server).build(), events);
            AtomicBoolean accepted50 = new AtomicBoolean();
            CountDownLatch offering = new CountDownLatch(1);
            Thread producer = Thread.ofPlatform().name("media-" + round).start(() -> {
                int accepted = 0;
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (accepted < 50 && System.nanoTime() < deadline) {
                    frame[0] = (byte) accepted;
                    if (client.offerAudio(frame, 0, frame.length)) {
                        accepted++;
                    }
                    offering.countDown();
                }
                accepted50.set(accepted == 50);
            });
            offering.await();
            client.connect(); // the producer is already hammering offerAudio
            producer.join();
            assertThat(accepted50).isTrue();
            client.stop(null);
            WsTestHarness.awaitClosed(client, WAIT);

            final int conn = round;
            server.await(e -> e.get("event").asString().equals("closed") && e.get("conn").asInt() == conn, WAIT);
            List<JsonNode> frames = server.frames(conn);
            WsStreamStats stats = client.stats();
            assertThat(frames.get(0).get("type").asString()).as("round %d first frame", round).isEqualTo("text");
            assertThat(frames.get(0).get("text").asString()).isEqualTo(METADATA);
            assertThat(frames.subList(1, frames.size())).allMatch(f -> f.get("type").asString().equals("binary")
                    && f.get("len").asInt() == 320);
            assertThat(stats.framesSent()).isEqualTo(frames.size() - 1).isEqualTo(50);
            assertThat(stats.bytesSent()).isEqualTo(50 * 320);
            assertThat(stats.framesOffered()).isEqualTo(stats.framesSent() + stats.framesDropped());
            assertThat(stats.framesDroppedNotConnected()).isPositive();
            assertThat(events.calls).containsExactly("connected", "disconnected 1000 Normal closure", "closed");
            totalSent += stats.framesSent();
        }
        assertThat(totalSent).isEqualTo(rounds * 50L);
    }

    @Test
    void extraHeadersAndPathArriveAndDeflateIsNegotiated() throws Exception {
        PythonWsServer server = harness.server();
        RecordingListener events = new RecordingListener();
        Map<String, String> headers = ExtraHeaders.parse("{\"Authorization\":\"Bearer t0k\",\"X-Call-Id\":42}");
        WsStreamClient client = harness.client(config(server).extraHeaders(headers).build(), events);
        client.connect();
        JsonNode connect = server.await(e -> e.get("event").asString().equals("connect"), WAIT);
        assertThat(connect.get("path").asString()).isEqualTo("/stream?call=1");
        assertThat(connect.get("headers").get("authorization").asString()).isEqualTo("Bearer t0k");
        assertThat(connect.get("headers").get("x-call-id").asString()).isEqualTo("42");
        assertThat(connect.get("headers").has("origin")).isFalse();
        assertThat(connect.get("extensions").get(0).asString()).isEqualTo("permessage-deflate");
        events.awaitCall("connected", WAIT);
        byte[] silence = new byte[640];
        assertThat(client.offerAudio(silence, 0, silence.length)).isTrue();
        server.awaitCount("frame", 2, WAIT);
        assertThat(server.frames(1).get(1).get("len").asInt()).isEqualTo(640);
    }

    @Test
    void deflateOffIsNotOffered() throws Exception {
        PythonWsServer server = harness.server();
        WsStreamClient client = harness.client(config(server).deflate(false).build(), new RecordingListener());
        client.connect();
        JsonNode connect = server.await(e -> e.get("event").asString().equals("connect"), WAIT);
        assertThat(connect.get("headers").has("sec-websocket-extensions")).isFalse();
        assertThat(connect.get("extensions").size()).isZero();
    }

    @Test
    void deflateOfferedButRefusedByServerStillWorks() throws Exception {
        PythonWsServer server = harness.server("--no-compression");
        RecordingListener events = new RecordingListener();
        WsStreamClient client = harness.client(config(server).build(), events);
        client.connect();
        JsonNode connect = server.await(e -> e.get("event").asString().equals("connect"), WAIT);
        assertThat(connect.get("headers").get("sec-websocket-extensions").asString()).contains("permessage-deflate");
        assertThat(connect.get("extensions").size()).isZero();
        events.awaitCall("connected", WAIT);
        assertThat(client.offerAudio(new byte[320], 0, 320)).isTrue();
        server.awaitCount("frame", 2, WAIT);
    }

    @Test
    void serverTextReachesListenerAndSendTextAndStopTextAreSentBeforeClose() throws Exception {
        PythonWsServer server = harness.server("--send", "{\"type\":\"streamAudio\",\"data\":{\"clear\":true}}");
        RecordingListener events = new RecordingListener();
        WsStreamClient client = harness.client(config(server).reconnectMax(3).build(), events);
        assertThat(client.sendText("too early")).isFalse();
        client.connect();
        events.awaitCall("text ", WAIT);
        assertThat(client.sendText("hello {\"k\": 1}")).isTrue();
        client.stop("bye");
        WsTestHarness.awaitClosed(client, WAIT);
        server.await(e -> e.get("event").asString().equals("closed"), WAIT);

        List<String> texts = server.frames(1).stream().map(f -> f.get("text").asString()).toList();
        assertThat(texts).containsExactly(METADATA, "hello {\"k\": 1}", "bye");
        JsonNode closed = server.events("closed").get(0);
        assertThat(closed.get("code").asInt()).isEqualTo(1000);
        assertThat(closed.get("reason").asString()).isEqualTo("Normal closure");
        assertThat(events.calls).containsExactly("connected", "text {\"type\":\"streamAudio\",\"data\":{\"clear\":true}}",
                "disconnected 1000 Normal closure", "closed");
        WsStreamStats stats = client.stats();
        assertThat(stats.textsSent()).isEqualTo(2);
        assertThat(stats.textsDropped()).isEqualTo(1);
        assertThat(stats.messagesReceived()).isEqualTo(1);
        assertThat(server.events("connect")).hasSize(1);
    }

    /**
     * A stop while the socket is backed up: flushing the close frame makes the channel writable again, and
     * that must not drain queued audio after the close frame (Netty fails such writes with
     * ClosedChannelException, which used to surface as an error event on every such stop).
     */
    @Test
    void stopWhileTheSocketIsBackedUpSendsNothingAfterTheCloseFrameAndReportsNoError() throws Exception {
        PythonWsServer server = harness.server("--no-compression");
        byte[] frame = new byte[3840];
        for (int round = 1; round <= 3; round++) {   // failed in round 1 before the fix
            RecordingListener events = new RecordingListener();
            WsStreamClient client = harness.client(config(server).deflate(false).sendQueueFrames(256).build(), events);
            client.connect();
            events.awaitCall("connected", WAIT);
            for (int i = 0; i < 256; i++) {   // ~1 MB at once: far past the channel's 64 KiB high-water mark
                client.offerAudio(frame, 0, frame.length);
            }
            client.stop("bye");
            WsTestHarness.awaitClosed(client, WAIT);
            assertThat(events.calls).as("round %d", round)
                    .containsExactly("connected", "disconnected 1000 Normal closure", "closed");
            int conn = round;
            JsonNode last = server.await(e -> e.get("event").asString().equals("closed") && e.get("conn").asInt() == conn,
                    WAIT);
            assertThat(last.get("code").asInt()).isEqualTo(1000);
            List<JsonNode> frames = server.frames(conn);
            assertThat(frames.getLast().get("text").asString()).as("last frame of round %d", round).isEqualTo("bye");
        }
    }

    @Test
    void upgradeRefusedIsAnInvalidHeaderError() throws Exception {
        PythonWsServer server = harness.server("--reject", "403");
        RecordingListener events = new RecordingListener();
        WsStreamClient client = harness.client(config(server).build(), events);
        client.connect();
        WsTestHarness.awaitClosed(client, WAIT);
        assertThat(events.calls).hasSize(2);
        assertThat(events.calls.get(0)).startsWith("error 2 WS upgrade rejected: ").contains("403")
                .endsWith("(url=" + server.url("/stream?call=1") + ")");
        assertThat(events.calls.get(1)).isEqualTo("closed");
    }

    @Test
    void connectionRefusedIsAConnectError() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RecordingListener events = new RecordingListener();
        WsStreamClient client = harness.client(
                WsClientConfig.builder(WsUrl.parse("ws://127.0.0.1:" + port + "/x")).build(), events);
        client.connect();
        WsTestHarness.awaitClosed(client, WAIT);
        assertThat(events.calls.get(0)).startsWith("error 6 WS connect failed: ");
        assertThat(events.calls.get(1)).isEqualTo("closed");
        assertThat(client.stats().connectAttempts()).isEqualTo(1);
    }

    @Test
    void serverBinaryReachesListener() throws Exception {
        PythonWsServer server = harness.server("--send-binary", "1000");
        RecordingListener events = new RecordingListener();
        WsStreamClient client = harness.client(config(server).build(), events);
        client.connect();
        events.awaitCall("binary ", WAIT);
        assertThat(events.calls).containsExactly("connected", "binary 1000");
    }

    @Test
    void hungServerHitsTheConnectTimeout() throws Exception {
        PythonWsServer server = harness.server("--silent");
        RecordingListener events = new RecordingListener();
        WsStreamClient client = harness.client(config(server).connectTimeout(Duration.ofMillis(300)).build(), events);
        client.connect();
        WsTestHarness.awaitClosed(client, WAIT);
        assertThat(events.calls).containsExactly("error 10 WS connect timed out after 300 ms (url="
                + server.url("/stream?call=1") + ")", "closed");
        assertThat(server.events("tcp")).hasSize(1);
    }

    @Test
    void hostNamesResolveThroughNettyDnsResolver() throws Exception {
        PythonWsServer server = harness.server();
        WsClientResources dns = WsClientResources.nioWithDns(harness.group, harness.breakers);
        try {
            RecordingListener events = new RecordingListener();
            WsStreamClient client = new WsStreamClient(WsClientConfig.builder(
                    WsUrl.parse("ws://localhost:" + server.port() + "/dns")).build(), dns, events);
            client.connect();
            events.awaitCall("", WAIT);
            assertThat(events.calls).containsExactly("connected");
            client.stop(null);
            WsTestHarness.awaitClosed(client, WAIT);
        } finally {
            dns.resolver().close();
        }
    }

    @Test
    void stopBeforeConnectClosesWithoutConnecting() throws Exception {
        PythonWsServer server = harness.server();
        RecordingListener events = new RecordingListener();
        WsStreamClient client = harness.client(config(server).build(), events);
        client.stop("unused");
        client.connect();
        WsTestHarness.awaitClosed(client, WAIT);
        assertThat(events.calls).containsExactly("closed");
        assertThat(client.stats().connectAttempts()).isZero();
    }
}
