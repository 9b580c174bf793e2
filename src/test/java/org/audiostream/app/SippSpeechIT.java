package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.audiostream.app.demo.DemoCallResult;
import org.audiostream.app.demo.DemoCaller;
import org.audiostream.app.demo.EchoAnalysis;
import org.audiostream.call.sip.SipHeader;
import org.audiostream.call.sip.SipTimers;
import org.audiostream.event.Event;
import org.audiostream.media.G711Law;
import org.audiostream.media.WavFile;
import org.audiostream.testing.AsteriskSounds;
import org.audiostream.testing.AudioMatch;
import org.audiostream.testing.G711Prompt;
import org.audiostream.testing.PcapRtp;
import org.audiostream.testing.PythonWsServer;
import org.audiostream.testing.SippRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Real speech through the whole gateway, checked sample by sample against the G.711 decode of what
 * was sent: SIPp's bundled 30 ms A-law capture ({@code -sn uac_pcap}) and an Asterisk prompt played
 * by SIPp's {@code rtp_stream} arrive at a python3-websockets app exactly; a prompt the app sends as
 * {@code streamAudio} is played to a SIPp caller exactly and comes back exactly from it, as the
 * caller echoes its RTP ({@code -rtp_echo}; streamed in stereo: what the caller said, what it heard);
 * and a caller that speaks hears itself back through the app's echo.
 *
 * <p>Each test ends by closing the {@link GatewayHarness}, which asserts that sessions, calls, RTP
 * ports, threads and file descriptors are back to their baseline.
 */
class SippSpeechIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Path SIPP_PCAPS = Path.of("/usr/share/sip-tester");
    private static final Path PROMPTS = Path.of("target/prompts");
    private static final int FRAME = 160;
    /** 250 ticks of 20 ms at 8 kHz: the jitter buffer's adaptation window. */
    static final int SHRINK_WINDOW_SAMPLES = 250 * FRAME;
    /** Silence before the caller speaks (500 ms): the stream opens meanwhile, and may miss some of it. */
    private static final int LEAD_IN = 4000;

    @Test
    void uacPcapThirtyMillisecondAlawArrivesSampleExact(@TempDir Path saved) throws Exception {
        byte[] alaw = PcapRtp.payloads(SIPP_PCAPS.resolve("g711a.pcap"), G711Law.PCMA.payloadType());
        short[] sent = decode(G711Law.PCMA, alaw);
        int calls = 3;
        try (PythonWsServer app = PythonWsServer.start("--save-dir", saved.toString(), "--no-frame-events");
             GatewayHarness gw = GatewayHarness.start(Map.of(), """
                     routing:
                       - name: sipp-pcap
                         match: { user: "^service$" }
                         action: ws
                         start: "%s mono 8k {\\"test\\":\\"uac_pcap\\"}"
                     """.formatted(app.url("/pcap")))) {
            SippRunner.Result r = SippRunner.run("uac-pcap", gw.sipAddress(), Duration.ofSeconds(40),
                    Map.of("pcap", SIPP_PCAPS), "-sn", "uac_pcap", "-m", String.valueOf(calls), "-l",
                    String.valueOf(calls), "-r", String.valueOf(calls));
            assertAllSucceeded(r, calls);
            app.awaitCount("closed", calls, WAIT);

            assertThat(gw.events("mod_audio_stream::connect", null)).as("connect events").hasSize(calls);
            // uac_pcap ends each call with pcap/dtmf_2833_1.pcap: RFC 4733 digit 1 from a real peer
            assertThat(gw.events("dtmf", null)).as("dtmf events").hasSize(calls)
                    .allSatisfy(e -> assertThat(e.body()).contains("\"digit\":\"1\""));
            for (int conn = 1; conn <= calls; conn++) {
                assertMetadataFirst(app, conn, "{\"test\":\"uac_pcap\"}");
                short[] received = AudioMatch.readL16(saved.resolve("conn-" + conn + ".raw"));
                // The pcap plays from the ACK on, and the gateway sends nothing before the WebSocket is
                // open (no pre-connect buffer, like mod_audio_stream): up to 1 s of the start may be missing.
                assertSampleExact("uac_pcap call " + conn, received, sent, 8000);
            }
        }
    }

    @Test
    void speechPlayedBySippRtpStreamArrivesSampleExact(@TempDir Path saved) throws Exception {
        G711Prompt prompt = G711Prompt.convert(AsteriskSounds.prompt("demo-thanks.wav"), G711Law.PCMU, PROMPTS, 0);
        try (PythonWsServer app = PythonWsServer.start("--save-dir", saved.toString(), "--no-frame-events");
             GatewayHarness gw = GatewayHarness.start(Map.of())) {
            SippRunner.Result r = SippRunner.run("rtp-stream-speech", gw.sipAddress(), Duration.ofSeconds(40),
                    Map.of("speech.ulaw", prompt.file()), "-sf", SippRunner.scenario("rtp_stream_call.xml").toString(),
                    "-key", "start_header", "X-AUDIO_STREAM_START", "-key", "start_args", app.url("/speech") + " mono 8k {\"test\":\"rtp_stream\"}",
                    "-set", "speak_after_ms", "500", "-m", "1", "-d", String.valueOf(prompt.millis() + 1000));
            assertAllSucceeded(r, 1);
            app.awaitCount("closed", 1, WAIT);

            Event connect = gw.awaitEvent(e -> e.subclass().equals("mod_audio_stream::connect"), WAIT);
            assertThat(connect.body()).isEqualTo("{\"status\":\"connected\"}");
            assertThat(app.events("connect").get(0).get("path").asString()).isEqualTo("/speech");
            assertMetadataFirst(app, 1, "{\"test\":\"rtp_stream\"}");
            short[] received = AudioMatch.readL16(saved.resolve("conn-1.raw"));
            assertSampleExact("rtp_stream " + prompt.file().getFileName(), received, prompt.samples(), 0);
        }
    }

    @Test
    void callerHearsItsSpeechBackThroughThePythonAppsEcho(@TempDir Path saved) throws Exception {
        short[] speech = WavFile.read(AsteriskSounds.prompt("demo-thanks.wav")).samples();
        short[] said = new short[LEAD_IN + speech.length];
        System.arraycopy(speech, 0, said, LEAD_IN, speech.length);
        short[] overTheWire = decode(G711Law.PCMU, encode(G711Law.PCMU, said));
        DemoCallResult call;
        try (PythonWsServer app = PythonWsServer.start("--save-dir", saved.toString(), "--no-frame-events",
                "--echo", "8000");
             GatewayHarness gw = GatewayHarness.start(Map.of())) {
            List<SipHeader> headers = List.of(new SipHeader("X-AUDIO_STREAM_START", app.url("/echo") + " mono 8k"),
                    // a deeper playout prebuffer than the default 60 ms, so that a scheduling hiccup of the
                    // python app on a busy machine cannot underrun the inject buffer mid-sentence
                    new SipHeader("X-AUDIO_STREAM_INJECT_MIN_BUFFER_MS", "300"));
            call = DemoCaller.call(new DemoCaller.Settings(gw.sipAddress(), "echo", headers, said,
                    Duration.ofMillis(1500), SipTimers.DEFAULT), callId -> { });
            app.awaitCount("closed", 1, WAIT);
            assertThat(gw.events("mod_audio_stream::connect", null)).hasSize(1);
            assertThat(gw.events("mod_audio_stream::play", null)).as("streamAudio played into the call").isNotEmpty();
        }
        short[] appReceived = AudioMatch.readL16(saved.resolve("conn-1.raw"));
        assertSampleExact("what the app received", appReceived, overTheWire, LEAD_IN);
        assertThat(call.packetsIgnored()).isZero();
        // The demo caller's recording places packets on its own arrival timeline and moves its anchor
        // when a packet comes early, which can overwrite a few samples: compare by correlation here
        // (promptFromTheAppIsPlayed... checks this direction sample for sample, with SIPp echoing).
        EchoAnalysis.Echo echo = EchoAnalysis.locate(overTheWire, call.heard(), G711Law.SAMPLE_RATE);
        assertThat(echo.correlation()).as("correlation of what the caller heard with what it said (lag %d ms)",
                echo.lagMillis()).isGreaterThan(0.9);
        // jitter buffer (40 ms and more), the 300 ms playout prebuffer, a few ticks and the app
        assertThat(echo.lagMillis()).as("echo delay").isBetween(300L, 1000L);
    }

    @Test
    void promptFromTheAppIsPlayedAndComesBackExactlyFromASippCallerThatEchoes(@TempDir Path saved) throws Exception {
        short[] speech = WavFile.read(AsteriskSounds.prompt("demo-thanks.wav")).samples();
        Path play = writeL16(PROMPTS.resolve("demo-thanks.l16"), speech);
        short[] overTheWire = decode(G711Law.PCMU, encode(G711Law.PCMU, speech));
        try (PythonWsServer app = PythonWsServer.start("--save-dir", saved.toString(), "--no-frame-events",
                "--play", play.toString(), "--play-rate", "8000");
             GatewayHarness gw = GatewayHarness.start(Map.of())) {
            SippRunner.Result r = SippRunner.run("rtp-echo", gw.sipAddress(), Duration.ofSeconds(40),
                    "-sf", SippRunner.scenario("rtp_echo_call.xml").toString(), "-rtp_echo",
                    "-key", "ws_start", app.url("/played") + " stereo 8k {\"test\":\"rtp_echo\"}",
                    "-m", "1", "-d", String.valueOf(speech.length / 8 + 1500));
            assertAllSucceeded(r, 1);
            app.awaitCount("closed", 1, WAIT);
            assertMetadataFirst(app, 1, "{\"test\":\"rtp_echo\"}");
            // one streamAudio message per second of the prompt, each played into the call
            assertThat(gw.events("mod_audio_stream::play", null)).hasSize((speech.length + 7999) / 8000);
        }
        // stereo: left what the caller said (the echo of what it heard, encoded and decoded as PCMU),
        // right what was played to it (the app's samples, before encoding)
        short[] received = AudioMatch.readL16(saved.resolve("conn-1.raw"));
        assertThat(received.length % 2).as("whole stereo frames").isZero();
        short[] left = new short[received.length / 2];
        short[] right = new short[received.length / 2];
        for (int i = 0; i < left.length; i++) {
            left[i] = received[2 * i];
            right[i] = received[2 * i + 1];
        }
        // the inject path plays every sample it was given, in order: nothing may be missing there
        assertSampleExact("prompt played to the SIPp caller (right)", right, speech, 0, 0);
        assertSampleExact("prompt echoed by the SIPp caller (left)", left, overTheWire, 0);
    }

    /**
     * Asserts that {@code received} holds {@code sent} sample for sample, allowing at most
     * {@code maxMissingHead} samples of the start to be absent, and whole 20 ms frames to be missing
     * at most once per {@value #SHRINK_WINDOW_SAMPLES} samples: the gateway's jitter buffer drops one
     * frame when it held more than its target delay for a whole 5 s window (JitterBuffer's
     * ADAPT_WINDOW_TICKS), e.g. when two packets were already waiting at the first tick.
     */
    static void assertSampleExact(String what, short[] received, short[] sent, int maxMissingHead) {
        assertSampleExact(what, received, sent, maxMissingHead, received.length / SHRINK_WINDOW_SAMPLES);
    }

    /** As {@link #assertSampleExact(String, short[], short[], int)}, with at most {@code maxSkipped} frames missing. */
    static void assertSampleExact(String what, short[] received, short[] sent, int maxMissingHead, int maxSkipped) {
        try {
            checkSampleExact(what, received, sent, maxMissingHead, maxSkipped);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nBoth signals kept as " + AudioMatch.keep(what, received, sent), e);
        }
    }

    private static void checkSampleExact(String what, short[] received, short[] sent, int maxMissingHead, int maxSkipped) {
        OptionalInt located = AudioMatch.locate(received, sent, maxMissingHead);
        assertThat(located).as("%s: %d samples received; the sent audio (%d samples) is nowhere in them", what,
                received.length, sent.length).isPresent();
        int offset = located.getAsInt();
        assertThat(-offset).as("%s: samples missing at the start of the received audio", what).isLessThanOrEqualTo(maxMissingHead);
        AudioMatch.Comparison c = AudioMatch.compare(received, sent, offset, FRAME);
        assertThat(c.difference()).as("%s: first difference (offset %d, %d frame(s) skipped before it)", what, offset,
                c.skippedFrames()).isNull();
        assertThat(c.skippedFrames()).as("%s: 20 ms frames missing in the middle", what).isLessThanOrEqualTo(maxSkipped);
        assertThat(AudioMatch.endOf(sent, offset, c.skippedFrames(), FRAME))
                .as("%s: end of the sent audio in the received audio (%d samples long)", what, received.length)
                .isLessThanOrEqualTo(received.length);
    }

    private static void assertMetadataFirst(PythonWsServer app, int conn, String metadata) {
        JsonNode closed = app.events("closed").stream().filter(e -> e.get("conn").asInt() == conn).findFirst().orElseThrow();
        assertThat(closed.get("first_type").asString()).as("first message on connection %d", conn).isEqualTo("text");
        assertThat(closed.get("text_frames").asInt()).as("text messages on connection %d", conn).isEqualTo(1);
        assertThat(app.frames(conn)).as("text frames on connection %d", conn).hasSize(1)
                .first().satisfies(f -> assertThat(f.get("text").asString()).isEqualTo(metadata));
        assertThat(closed.get("code").asInt()).as("close code on connection %d", conn).isEqualTo(1000);
    }

    private static void assertAllSucceeded(SippRunner.Result r, long calls) {
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.successful()).as(r.describe()).isEqualTo(calls);
        assertThat(r.failed()).as(r.describe()).isZero();
    }

    private static Path writeL16(Path file, short[] samples) throws IOException {
        Files.createDirectories(file.getParent());
        AudioMatch.writeL16(file, samples);
        return file.toAbsolutePath();
    }

    private static short[] decode(G711Law law, byte[] codes) {
        short[] out = new short[codes.length];
        law.decode(codes, 0, out, 0, codes.length);
        return out;
    }

    private static byte[] encode(G711Law law, short[] samples) {
        byte[] out = new byte[samples.length];
        law.encode(samples, 0, out, 0, samples.length);
        return out;
    }
}
