package org.audiostream.stream.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.audiostream.testing.PythonWsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Twilio dialect through the real client and a python3-websockets server: only text frames, every
 * connection a new Twilio stream (connected, then start numbered 1, media chunks from 1, the same
 * streamSid), and a stopped stream's {@code stop} message before the close frame.
 */
class TwilioReconnectIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SID = "MZ" + "a".repeat(32);

    private final WsTestHarness harness = new WsTestHarness();

    @AfterEach
    void tearDown() throws InterruptedException {
        harness.close();
    }

    @Test
    void everyConnectionStartsANewTwilioStreamAndStopEndsItBeforeTheClose() throws Exception {
        PythonWsServer server = harness.server("--close-after", "4", "--close-code", "1001");
        TwilioWire wire = new TwilioWire(new TwilioStream(SID, "CA" + "b".repeat(32), TwilioStream.ACCOUNT_SID,
                List.of("inbound"), "{\"k\":\"v\"}"));
        WsStreamClient client = harness.client(WsClientConfig.builder(WsUrl.parse(server.url("/twilio")))
                .reconnectMax(1).reconnectBackoff(IntervalFunction.of(Duration.ofMillis(50))).build(),
                new RecordingListener(), wire);
        client.connect();
        TwilioCapture capture = new TwilioCapture(1);
        short[] frame = new short[160];
        while (client.state() != WsStreamClient.State.CLOSED) {   // through the first close, the reconnect and the second
            capture.add(frame, 0);
            client.offerAudio(capture.buffer(), 0, capture.length());
            capture.clear();
            LockSupport.parkNanos(2_000_000);
        }
        for (int conn = 1; conn <= 2; conn++) {
            assertThat(server.frames(conn)).as("frame types on connection %d", conn)
                    .allSatisfy(f -> assertThat(f.get("type").asString()).isEqualTo("text"));
            List<JsonNode> m = server.frames(conn).stream().map(f -> JSON.readTree(f.get("text").asString())).toList();
            assertThat(m.get(0).get("event").asString()).isEqualTo("connected");
            assertThat(m.get(1).get("event").asString()).isEqualTo("start");
            assertThat(m.get(1).get("sequenceNumber").asString()).isEqualTo("1");
            assertThat(m.get(1).get("streamSid").asString()).isEqualTo(SID);
            assertThat(m.get(1).get("start").get("customParameters").toString()).isEqualTo("{\"k\":\"v\"}");
            assertThat(m.get(2).get("event").asString()).isEqualTo("media");
            assertThat(m.get(2).get("sequenceNumber").asString()).isEqualTo("2");
            assertThat(m.get(2).get("media").get("chunk").asString()).isEqualTo("1");
            assertThat(m.get(3).get("media").get("chunk").asString()).isEqualTo("2");
        }
        assertThat(server.events("connect")).hasSize(2);

        PythonWsServer stopped = harness.server();
        WsStreamClient second = harness.client(WsClientConfig.builder(WsUrl.parse(stopped.url("/stop"))).build(),
                new RecordingListener(), new TwilioWire(new TwilioStream(SID, "CA" + "b".repeat(32),
                        TwilioStream.ACCOUNT_SID, List.of("inbound"), "{}")));
        second.connect();
        stopped.await(e -> e.get("event").asString().equals("frame"), WAIT);
        second.sendText("goodbye");
        second.stop("final words");
        WsTestHarness.awaitClosed(second, WAIT);
        JsonNode closed = stopped.await(e -> e.get("event").asString().equals("closed"), WAIT);
        assertThat(closed.get("code").asInt()).isEqualTo(1000);
        List<String> texts = stopped.frames(1).stream().map(f -> f.get("text").asString()).toList();
        assertThat(texts.subList(2, texts.size())).as("after connected and start").containsExactly("goodbye",
                "final words", "{\"event\":\"stop\",\"sequenceNumber\":\"2\",\"stop\":{\"accountSid\":\""
                        + TwilioStream.ACCOUNT_SID + "\",\"callSid\":\"CA" + "b".repeat(32) + "\"},\"streamSid\":\"" + SID + "\"}");
    }
}
