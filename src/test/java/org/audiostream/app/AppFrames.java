package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.audiostream.testing.PythonWsServer;
import tools.jackson.databind.JsonNode;

/**
 * What the user app (the python recording server) received from the gateway, one WebSocket connection at a
 * time: finding the connection, waiting for frames, and the protocol checks every streaming test shares
 * (metadata first, then binary frames of exactly one size). Threads: stateless.
 */
final class AppFrames {

    static final Duration WAIT = Duration.ofSeconds(15);

    private AppFrames() {
    }

    /** Bytes of one binary frame: 20 ms x {@code rtpPackets} of {@code channels} x 16-bit samples at {@code rate}. */
    static int frameBytes(int rate, int channels, int rtpPackets) {
        return 20 * rtpPackets * rate / 1000 * channels * 2;
    }

    /** Waits for the connection whose upgrade asked for {@code path}, and returns its number. */
    static int awaitConnection(PythonWsServer app, String path) {
        return app.await(e -> e.get("event").asString().equals("connect") && e.get("path").asString().equals(path), WAIT)
                .get("conn").asInt();
    }

    static List<JsonNode> binary(PythonWsServer app, int conn) {
        return app.frames(conn, "binary");
    }

    static List<String> texts(PythonWsServer app, int conn) {
        return app.frames(conn, "text").stream().map(f -> f.get("text").asString()).toList();
    }

    /** Waits until connection {@code conn} has received at least {@code count} binary frames in all. */
    static void awaitBinary(PythonWsServer app, int conn, int count) {
        await(count + " binary frames on connection " + conn).atMost(WAIT).pollInterval(Duration.ofMillis(20))
                .until(() -> binary(app, conn).size() >= count);
    }

    /** Waits until the server has seen connection {@code conn} close, and returns its close event. */
    static JsonNode awaitClosed(PythonWsServer app, int conn) {
        return app.await(e -> e.get("event").asString().equals("closed") && e.get("conn").asInt() == conn, WAIT);
    }

    /**
     * The module's promise: {@code metadata} is the first message on the connection (none: the first is audio),
     * and every binary frame is exactly {@code frameBytes} long.
     */
    static void assertMetadataFirstThenFramesOf(PythonWsServer app, int conn, String metadata, int frameBytes) {
        List<JsonNode> frames = app.frames(conn);
        assertThat(frames).as("frames on connection %d", conn).isNotEmpty();
        if (metadata != null) {
            assertThat(frames.get(0).get("type").asString()).as("type of the first frame").isEqualTo("text");
            assertThat(frames.get(0).get("text").asString()).as("the first frame is the metadata").isEqualTo(metadata);
        } else {
            assertThat(frames.get(0).get("type").asString()).as("type of the first frame (no metadata)").isEqualTo("binary");
        }
        assertThat(binary(app, conn)).as("binary frames on connection %d", conn).isNotEmpty()
                .allSatisfy(f -> assertThat(f.get("len").asInt()).as("binary frame length").isEqualTo(frameBytes));
    }

    /** Binary frames per second between the first and the last one's arrival (server clock). */
    static double framesPerSecond(List<JsonNode> binary) {
        double seconds = binary.getLast().get("ts").asDouble() - binary.getFirst().get("ts").asDouble();
        return (binary.size() - 1) / seconds;
    }
}
