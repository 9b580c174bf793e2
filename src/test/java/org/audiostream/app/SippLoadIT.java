package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.audiostream.event.Event;
import org.audiostream.media.G711Law;
import org.audiostream.testing.AsteriskSounds;
import org.audiostream.testing.AudioMatch;
import org.audiostream.testing.G711Prompt;
import org.audiostream.testing.PythonWsServer;
import org.audiostream.testing.SippRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Load through the whole gateway with real peers: {@value #CALLS} concurrent SIPp calls, each
 * speaking an Asterisk prompt with {@code rtp_stream} and streamed by the gateway to one
 * python3-websockets app. Asserts no failed call, all calls up at once, one connect and one
 * disconnect event per session, the metadata first and alone on every connection, a plausible
 * amount of audio per call with at least 90 % of the prompt's frames in it exactly (so the speech
 * was decoded, not just bytes sent), and (by closing the {@link GatewayHarness}) that every
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
     * has been measured handling an ACK up to 4.5 s late in a burst of INVITEs at 100 per second with
     * another test suite running and the test's synchronous console logging (a third of the SIP
     * thread's time); the stream opens on answer and carries nothing from before.
     */
    private static final int SPEAK_AFTER_MS = 3000;
    /** -d: the call stays up this long after the speech starts. */
    private static final int TALK_MS = 3500;
    /** Calls started per second: all {@value #CALLS} within 4 s, while the first ones still talk. */
    private static final int RATE = 50;
    private static final int STREAM_BYTES_PER_SECOND = 16_000;   // mono 8 kHz L16
    private static final String METADATA = "{\"load\":true}";
    private static final int FRAME = 160;
    /** Frames of silence the jitter buffer may have inserted (or dropped) before a frame of speech. */
    private static final int MAX_DRIFT_FRAMES = 10;
    private static final double MIN_FRAMES_EXACT = 0.9;

    @Test
    void twoHundredConcurrentStreamingCallsFromSipp(@TempDir Path saved) throws Exception {
        G711Prompt prompt = G711Prompt.convert(AsteriskSounds.prompt("demo-thanks.wav"), G711Law.PCMU,
                Path.of("target/prompts"), SPEECH_SECONDS);
        SippRunner.Result r;
        int peakSessions;
        // The tests log synchronously through surefire's console capture, which cost a third of the SIP
        // thread's time here; the product logs asynchronously. Warnings and errors still show.
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        root.setLevel(Level.WARN);
        try (PythonWsServer app = PythonWsServer.start("--no-frame-events", "--no-compression",
                "--save-dir", saved.toString());
             // 100 ms per WebSocket message: 2000 messages/s for the one python process instead of 10000
             GatewayHarness gw = GatewayHarness.start(Map.of("AUDIO_STREAM_RTP_PACKETS", "5"))) {
            SessionSampler sampler = new SessionSampler(gw);
            try {
                r = SippRunner.run("load-" + CALLS, gw.sipAddress(), Duration.ofSeconds(45),
                        Map.of("speech.ulaw", prompt.file()), "-sf", SippRunner.scenario("rtp_stream_call.xml").toString(),
                        "-key", "start_header", "X-AUDIO_STREAM_START", "-key", "start_args", app.url("/load") + " mono 8k " + METADATA,
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
            assertEveryConnection(app, saved, prompt.samples());
        } finally {
            root.setLevel(level);
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
     * @param speech the decoded prompt: every stream must carry nearly all of its frames exactly. Not
     *     all: with 200 calls on 2 cores SIPp sends some packets late, and the jitter buffer conceals
     *     them with silence (measured: up to 3 frames in a quarter of the calls on a busy machine).
     */
    private static void assertEveryConnection(PythonWsServer app, Path saved, short[] speech) throws IOException {
        assertThat(app.events("connect")).as("WebSocket connections").hasSize(CALLS)
                .allSatisfy(c -> assertThat(c.get("path").asString()).isEqualTo("/load"));
        // every stream is open at least from the start of the speech to the BYE, and at most from the
        // ACK to the BYE plus the gateway's lag in handling that BYE (up to 1.5 s measured with a cold JIT)
        long minBytes = STREAM_BYTES_PER_SECOND * TALK_MS / 1000;
        long maxBytes = STREAM_BYTES_PER_SECOND * (SPEAK_AFTER_MS + TALK_MS + 2000L) / 1000;
        for (JsonNode closed : app.events("closed")) {
            int conn = closed.get("conn").asInt();
            assertThat(closed.get("first_type").asString()).as("first message on connection %d", conn).isEqualTo("text");
            assertThat(closed.get("text_frames").asInt()).as("text messages on connection %d", conn).isEqualTo(1);
            assertThat(app.frames(conn)).as("text frames on connection %d", conn).singleElement()
                    .satisfies(f -> assertThat(f.get("text").asString()).isEqualTo(METADATA));
            assertThat(closed.get("binary_bytes").asLong()).as("audio bytes on connection %d (%s)", conn, closed)
                    .isBetween(minBytes, maxBytes);
            short[] audio = AudioMatch.readL16(saved.resolve("conn-" + conn + ".raw"));
            OptionalInt offset = AudioMatch.locateAnywhere(audio, speech);
            assertThat(offset).as("the speech in the audio of connection %d (%s)", conn, closed).isPresent();
            assertThat(AudioMatch.framesFound(audio, speech, offset.getAsInt(), FRAME, MAX_DRIFT_FRAMES))
                    .as("share of the speech's frames arriving exactly on connection %d", conn)
                    .isGreaterThanOrEqualTo(MIN_FRAMES_EXACT);
            assertThat(closed.get("code").asInt()).as("close code on connection %d", conn).isEqualTo(1000);
        }
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
