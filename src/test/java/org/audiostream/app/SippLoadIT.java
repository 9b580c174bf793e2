package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.audiostream.control.Event;
import org.audiostream.media.G711Law;
import org.audiostream.testing.AsteriskSounds;
import org.audiostream.testing.G711Prompt;
import org.audiostream.testing.PythonWsServer;
import org.audiostream.testing.SippRunner;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Load through the whole gateway with real peers: {@value #CALLS} concurrent SIPp calls, each
 * speaking an Asterisk prompt with {@code rtp_stream} and streamed by the gateway to one
 * python3-websockets app. Asserts no failed call, all calls up at once, one connect and one
 * disconnect event per session, the metadata first and alone on every connection, a plausible
 * amount of audio per call that carries the prompt's loudest sample exactly (so the speech was
 * decoded, not just bytes sent), and (by closing the {@link GatewayHarness}) that every
 * session, call, RTP port, thread and file descriptor is released.
 *
 * <p>Threads: the test thread drives; one sampler thread watches the session count while SIPp runs.
 */
class SippLoadIT {

    private static final int CALLS = 200;
    /** Caller speech: the first 3 s of a prompt (speech starts after 0.25 s), played once per call. */
    private static final double SPEECH_SECONDS = 3.0;
    /**
     * The caller starts speaking this long after its ACK. On 2 busy cores with a cold JIT the gateway
     * has been measured answering an ACK up to 2.6 s behind a burst of 200 INVITEs (at 100 per second,
     * with another test suite running): the stream opens on answer and carries nothing from before.
     */
    private static final int SPEAK_AFTER_MS = 3000;
    /** -d: the call stays up this long after the speech starts. */
    private static final int TALK_MS = 3500;
    /** Calls started per second: all {@value #CALLS} within 2 s, while the first ones still talk. */
    private static final int RATE = 100;
    private static final int STREAM_BYTES_PER_SECOND = 16_000;   // mono 8 kHz L16
    private static final String METADATA = "{\"load\":true}";

    @Test
    void twoHundredConcurrentStreamingCallsFromSipp() throws Exception {
        G711Prompt prompt = G711Prompt.convert(AsteriskSounds.prompt("demo-thanks.wav"), G711Law.PCMU,
                Path.of("target/prompts"), SPEECH_SECONDS);
        SippRunner.Result r;
        int peakSessions;
        try (PythonWsServer app = PythonWsServer.start("--no-frame-events", "--no-compression");
             // 100 ms per WebSocket message: 2000 messages/s for the one python process instead of 10000
             GatewayHarness gw = GatewayHarness.start(Map.of("AUDIO_STREAM_RTP_PACKETS", "5"))) {
            SessionSampler sampler = new SessionSampler(gw);
            try {
                r = SippRunner.run("load-" + CALLS, gw.sipAddress(), Duration.ofSeconds(45),
                        Map.of("speech.ulaw", prompt.file()), "-sf", SippRunner.scenario("rtp_stream_call.xml").toString(),
                        "-key", "ws_start", app.url("/load") + " mono 8k " + METADATA,
                        "-set", "speak_after_ms", String.valueOf(SPEAK_AFTER_MS),
                        "-l", String.valueOf(CALLS), "-m", String.valueOf(CALLS), "-r", String.valueOf(RATE),
                        "-d", String.valueOf(TALK_MS));
            } finally {
                peakSessions = sampler.stop();
            }
            assertThat(r.exitCode()).as(r.describe()).isZero();
            assertThat(r.successful()).as(r.describe()).isEqualTo(CALLS);
            assertThat(r.failed()).as(r.describe()).isZero();
            assertThat(peakSessions).as("sessions up at the same time").isEqualTo(CALLS);

            app.awaitCount("closed", CALLS, Duration.ofSeconds(20));
            assertEventsPerSession(gw);
            assertEveryConnection(app, peak(prompt.samples()));
        }
    }

    private static void assertEventsPerSession(GatewayHarness gw) {
        List<Event> connects = gw.events("mod_audio_stream::connect", null);
        assertThat(connects).as("connect events").hasSize(CALLS)
                .allSatisfy(e -> assertThat(e.body()).isEqualTo("{\"status\":\"connected\"}"));
        Set<String> sessions = connects.stream().map(Event::sessionUuid).collect(Collectors.toSet());
        assertThat(sessions).as("sessions with a connect event").hasSize(CALLS);
        List<Event> disconnects = gw.events("mod_audio_stream::disconnect", null);
        assertThat(disconnects.stream().map(Event::sessionUuid).collect(Collectors.toSet()))
                .as("sessions with a disconnect event").isEqualTo(sessions);
        assertThat(disconnects).hasSize(CALLS);
        assertThat(gw.events("mod_audio_stream::error", null)).as("error events").isEmpty();
        assertThat(gw.events("call::hangup", null)).as("hangups").hasSize(CALLS)
                .allSatisfy(e -> assertThat(e.body()).contains("\"cause\":\"NORMAL_CLEARING\""));
    }

    /**
     * @param speechPeak the loudest sample of the decoded prompt: a stream that carries it carries the
     *     prompt's loudest moment decoded exactly, a cheap check of every call's audio
     */
    private static void assertEveryConnection(PythonWsServer app, int speechPeak) {
        assertThat(app.events("connect")).as("WebSocket connections").hasSize(CALLS)
                .allSatisfy(c -> assertThat(c.get("path").asString()).isEqualTo("/load"));
        // every stream is open at least from the start of the speech to the BYE
        long minBytes = STREAM_BYTES_PER_SECOND * TALK_MS / 1000;
        for (JsonNode closed : app.events("closed")) {
            int conn = closed.get("conn").asInt();
            assertThat(closed.get("first_type").asString()).as("first message on connection %d", conn).isEqualTo("text");
            assertThat(closed.get("text_frames").asInt()).as("text messages on connection %d", conn).isEqualTo(1);
            assertThat(app.frames(conn)).as("text frames on connection %d", conn).singleElement()
                    .satisfies(f -> assertThat(f.get("text").asString()).isEqualTo(METADATA));
            long bytes = closed.get("binary_bytes").asLong();
            assertThat(bytes).as("audio bytes on connection %d (%s)", conn, closed).isGreaterThanOrEqualTo(minBytes);
            // real time: no faster than the clock, and no second of it missing
            double seconds = closed.get("seconds").asDouble();
            assertThat(bytes / (double) STREAM_BYTES_PER_SECOND).as("seconds of audio on connection %d (%s)", conn, closed)
                    .isBetween(seconds - 1.0, seconds + 0.2);
            assertThat(closed.get("peak").asInt()).as("loudest sample on connection %d", conn).isEqualTo(speechPeak);
            assertThat(closed.get("code").asInt()).as("close code on connection %d", conn).isEqualTo(1000);
        }
    }

    private static int peak(short[] samples) {
        int peak = 0;
        for (short s : samples) {
            peak = Math.max(peak, Math.abs(s));
        }
        return peak;
    }

    /** Samples the gateway's live session count every 5 ms on its own thread and keeps the largest. */
    private static final class SessionSampler {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger peak = new AtomicInteger();
        private final Thread thread;

        SessionSampler(GatewayHarness gw) {
            thread = Thread.ofPlatform().name("session-sampler").start(() -> {
                while (running.get()) {
                    peak.accumulateAndGet(gw.gateway().registry().size(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        int stop() throws InterruptedException {
            running.set(false);
            thread.join();
            return peak.get();
        }
    }
}
