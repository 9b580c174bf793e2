package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.audiostream.event.Event;
import org.audiostream.media.G711Law;
import org.audiostream.testing.AsteriskSounds;
import org.audiostream.testing.AudioMatch;
import org.audiostream.testing.G711Prompt;
import org.audiostream.testing.PythonWsServer;
import org.audiostream.testing.SippRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Twilio Media Streams dialect end to end, through real SIP/RTP calls, against a Twilio app written from
 * Twilio's published message reference ({@code src/test/resources/ws/twilio_app.py}, python3-websockets) that
 * checks every message it receives field by field and reports each breach as a violation:
 *
 * <ul>
 *   <li>both tracks: a prompt the app sends as μ-law {@code media} is played to a SIPp caller that echoes it,
 *       and comes back sample for sample on the {@code outbound} track (what was played) and, frame by frame,
 *       on the {@code inbound} track (what the caller sent); the app's mark comes back once it has played;</li>
 *   <li>barge-in: {@code clear} stops the audio on the wire within a tick or two, measured at the app, and
 *       returns the pending mark;</li>
 *   <li>one-way (the inbound track only), started by a routing rule's {@code protocol:}: RFC 4733 digits from
 *       SIPp arrive as {@code dtmf} messages, and the hangup as {@code stop};</li>
 *   <li>started over REST with {@code protocol}: what the dialect cannot carry is refused, bad messages become
 *       {@code json} events while the stream goes on, and an API {@code stop} returns the pending mark, then
 *       sends {@code stop} and closes.</li>
 * </ul>
 *
 * Each test ends by closing the {@link GatewayHarness}, which asserts that sessions, calls, RTP ports, threads
 * and file descriptors are back to their baseline.
 */
class TwilioMediaStreamsIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Path PROMPTS = Path.of("target/prompts");
    private static final String APP = "twilio_app.py";
    private static final int FRAME = 160;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void bothTracksCarryAPromptSampleExactAndItsMarkComesBackOncePlayed(@TempDir Path saved) throws Exception {
        G711Prompt prompt = G711Prompt.convert(AsteriskSounds.prompt("demo-thanks.wav"), G711Law.PCMU, PROMPTS, 0);
        try (PythonWsServer app = PythonWsServer.startScript(APP, "--commands", "--save-dir", saved.toString());
             GatewayHarness gw = GatewayHarness.start(Map.of())) {
            // the start argument selects the dialect; the caller (SIPp -rtp_echo) repeats what it hears
            CompletableFuture<SippRunner.Result> sipp = CompletableFuture.supplyAsync(() -> SippRunner.run(
                    "twilio-echo", gw.sipAddress(), Duration.ofSeconds(40),
                    "-sf", SippRunner.scenario("rtp_echo_call.xml").toString(), "-rtp_echo",
                    "-key", "ws_start", app.url("/echo") + " stereo 8k protocol=twilio {\"test\":\"echo\"}",
                    "-m", "1", "-d", String.valueOf(prompt.millis() + 3000)));
            JsonNode start = awaitTwilio(app, 1, "start").get("message");
            String streamSid = start.get("streamSid").asString();
            List<String> messages = new ArrayList<>(media(streamSid, prompt.codes()));
            messages.add(mark(streamSid, "prompt-end"));
            double sent = app.sendTexts(messages).get("ts").asDouble();
            double markBack = awaitMark(app, 1, "prompt-end").get("ts").asDouble();

            SippRunner.Result r = sipp.get(60, TimeUnit.SECONDS);
            assertThat(r.exitCode()).as(r.describe()).isZero();
            assertThat(r.successful()).as(r.describe()).isEqualTo(1);
            assertThat(awaitClosed(app, 1).get("code").asInt()).as("close code after the hangup").isEqualTo(1000);
            String uuid = gw.events("call::created", null).getFirst().sessionUuid();

            assertThat(start.get("start").get("tracks").toString()).isEqualTo("[\"inbound\",\"outbound\"]");
            assertThat(start.get("start").get("customParameters").toString()).isEqualTo("{\"test\":\"echo\"}");
            assertThat(start.get("start").get("callSid").asString()).isEqualTo("CA" + uuid.replace("-", ""));
            assertThat(kinds(app, 1).getLast()).as("the last message").isEqualTo("stop");
            assertNoViolations(app);

            short[] outbound = decode(saved.resolve("conn-1-outbound.ulaw"));
            short[] inbound = decode(saved.resolve("conn-1-inbound.ulaw"));
            // the inject path plays every sample it was given, in order: nothing may be missing there
            SippSpeechIT.assertSampleExact("prompt played to the caller (outbound track)", outbound, prompt.samples(), 0, 0);
            // the echo crosses SIPp and the jitter buffer, which on a loaded machine may conceal a late packet or
            // two (silence inserted, later frames shifted): every 20 ms frame that arrived must be exact
            OptionalInt echoAt = AudioMatch.locate(inbound, prompt.samples(), 0);
            assertThat(echoAt).as("the prompt in the inbound track").isPresent();
            assertThat(AudioMatch.framesFound(inbound, prompt.samples(), echoAt.getAsInt(), FRAME, 5))
                    .as("share of the prompt's 20 ms frames found sample-exact in the inbound track").isGreaterThan(0.95);

            // the mark is reported in the tick that plays the prompt's last frame, just ahead of that frame's media
            OptionalInt at = AudioMatch.locate(outbound, prompt.samples(), 0);
            int lastPromptChunk = (at.getAsInt() + prompt.samples().length - 1) / FRAME + 1;   // chunks count from 1
            assertThat(awaitMark(app, 1, "prompt-end").get("seq").asLong())
                    .as("the mark's sequenceNumber, between the outbound media of the prompt's last two frames and "
                            + "the one after").isBetween(outboundSeq(app, lastPromptChunk - 1), outboundSeq(app, lastPromptChunk + 1));
            assertThat(markBack - sent).as("seconds from sending the %d ms prompt to its mark", prompt.millis())
                    .isGreaterThan(prompt.millis() / 1000.0 - 0.2);

            assertThat(gw.events("mod_audio_stream::connect", uuid)).singleElement().extracting(Event::body)
                    .isEqualTo("{\"status\":\"connected\",\"streamId\":\"" + streamSid + "\",\"protocol\":\"twilio\"}");
            assertThat(gw.events("mod_audio_stream::disconnect", uuid)).singleElement().extracting(Event::body)
                    .isEqualTo("{\"status\":\"disconnected\",\"message\":{\"code\":1000,\"reason\":\"Normal closure\"},"
                            + "\"protocol\":\"twilio\"}");
            assertThat(gw.events("mod_audio_stream::play", uuid)).as("one play event per media message")
                    .hasSize(prompt.codes().length / FRAME)
                    .allSatisfy(e -> assertThat(e.body()).isEqualTo("{\"bytes\":160,\"protocol\":\"twilio\"}"));
        }
    }

    @Test
    void clearSilencesTheCallerWithinATickOrTwoAndReturnsThePendingMark() throws Exception {
        try (PythonWsServer app = PythonWsServer.startScript(APP, "--commands");
             GatewayHarness gw = GatewayHarness.start(Map.of());
             TestCall call = TestCall.place(gw, "barge-in", Map.of("X-AUDIO_STREAM_PROTOCOL", "twilio"), new short[0])) {
            // the SIP header selects the dialect
            assertThat(gw.api("uuid_audio_stream " + call.uuid() + " start " + app.url("/barge-in")
                    + " stereo 8k {\"test\":\"clear\"}")).isEqualTo(GatewayHarness.OK);
            String streamSid = awaitTwilio(app, 1, "start").get("message").get("streamSid").asString();
            List<String> tone = new ArrayList<>(media(streamSid, ulaw(TestAudio.sine(8000, 600, 3000, 12_000))));
            tone.add(mark(streamSid, "tone-end"));
            app.sendTexts(tone);
            await("half a second of the 3 s tone on the outbound track").atMost(WAIT).pollInterval(Duration.ofMillis(10))
                    .until(() -> toneChunks(app).size() >= 25);

            double clearSent = app.sendText("{\"event\":\"clear\",\"streamSid\":\"" + streamSid + "\"}").get("at").asDouble();
            double markBack = awaitMark(app, 1, "tone-end").get("ts").asDouble();
            await("a second of the call after the clear").atMost(WAIT).until(() -> twilio(app, 1, "media").stream()
                    .anyMatch(m -> m.get("ts").asDouble() > clearSent + 1.0));
            short[] heard = call.hangUp().heard();
            awaitClosed(app, 1);

            double lastTone = toneChunks(app).getLast().get("ts").asDouble();
            double firstSilence = twilio(app, 1, "media").stream().filter(m -> m.get("track").asString().equals("outbound"))
                    .filter(m -> m.get("ts").asDouble() > lastTone).findFirst().orElseThrow().get("ts").asDouble();
            System.out.printf("barge-in, at the app: clear sent -> last tone frame %.1f ms, first silent frame %.1f ms,"
                    + " mark back %.1f ms%n", 1000 * (lastTone - clearSent), 1000 * (firstSilence - clearSent),
                    1000 * (markBack - clearSent));
            assertThat(firstSilence - clearSent).as("seconds from the clear to the first silent frame played (outbound track)")
                    .isLessThan(0.1);
            assertThat(markBack - clearSent).as("seconds from the clear to the pending mark's return").isLessThan(0.1);
            assertThat(twilio(app, 1, "media").stream()
                    .filter(m -> m.get("track").asString().equals("outbound") && m.get("ts").asDouble() > markBack))
                    .as("outbound frames after the mark came back").isNotEmpty()
                    .allSatisfy(m -> assertThat(m.get("rms").asDouble()).as("rms").isLessThan(5));
            assertThat(TestAudio.toneMillis(heard, 600)).as("ms of the tone the caller heard before the clear")
                    .isBetween(400L, 1600L);
            assertThat(gw.events("mod_audio_stream::play", call.uuid()).stream().map(Event::body))
                    .as("the clear's play event").contains("{\"protocol\":\"twilio\"}");
            assertNoViolations(app);
        }
    }

    @Test
    void aRoutingRuleStartsAOneWayStreamThatCarriesDigitsAndEndsWithStop() throws IOException, InterruptedException {
        try (PythonWsServer app = PythonWsServer.startScript(APP);
             GatewayHarness gw = GatewayHarness.start(Map.of(), """
                     routing:
                       - name: twilio-digits
                         match: { user: "^service$" }
                         action: ws
                         protocol: twilio
                         start: "%s mono"
                     """.formatted(app.url("/digits")))) {
            SippRunner.Result r = SippRunner.run("twilio-dtmf", gw.sipAddress(), Duration.ofSeconds(20),
                    "-sf", SippRunner.scenario("dtmf.xml").toString(), "-m", "1");
            assertThat(r.exitCode()).as(r.describe()).isZero();
            assertThat(awaitClosed(app, 1).get("code").asInt()).isEqualTo(1000);

            JsonNode start = twilio(app, 1, "start").getFirst().get("message");
            assertThat(start.get("start").get("tracks").toString()).isEqualTo("[\"inbound\"]");
            assertThat(start.get("start").get("customParameters").toString()).isEqualTo("{}");
            assertThat(twilio(app, 1, "dtmf")).extracting(d -> d.get("digit").asString()).containsExactly("1", "5", "#");
            assertThat(twilio(app, 1, "media")).as("media messages").isNotEmpty()
                    .allSatisfy(m -> assertThat(m.get("track").asString()).isEqualTo("inbound"));
            assertThat(kinds(app, 1).getLast()).isEqualTo("stop");
            assertNoViolations(app);
        }
    }

    @Test
    void restStartRefusesWhatTwilioCannotCarryBadMessagesAreEventsAndStopReturnsTheMarkFirst() throws Exception {
        try (PythonWsServer app = PythonWsServer.startScript(APP, "--commands");
             GatewayHarness gw = GatewayHarness.start(Map.of());
             TestCall call = TestCall.place(gw, "rest")) {
            String path = "/v1/sessions/" + call.uuid() + "/start";
            String url = app.url("/rest");
            assertThat(gw.postJson(path, "{\"url\":\"" + url + "\",\"mix\":\"mixed\",\"protocol\":\"twilio\"}").body())
                    .startsWith("-ERR the twilio protocol has no mixed form");
            assertThat(gw.postJson(path, "{\"url\":\"" + url + "\",\"mix\":\"mono\",\"rate\":16000,\"protocol\":\"twilio\"}")
                    .body()).startsWith("-ERR the twilio protocol streams at 8000 Hz only; rate=16000 refused");
            assertThat(gw.postJson(path, "{\"url\":\"" + url + "\",\"mix\":\"mono\",\"protocol\":\"twilio\","
                    + "\"metadata\":\"not json\"}").body()).startsWith("-ERR the twilio protocol sends start's metadata");
            assertThat(gw.postJson(path, "{\"url\":\"" + url + "\",\"mix\":\"mono\",\"protocol\":\"twilio\","
                    + "\"metadata\":\"{\\\"k\\\":\\\"v\\\"}\"}").body()).startsWith("+OK");
            String streamSid = awaitTwilio(app, 1, "start").get("message").get("streamSid").asString();
            assertThat(gw.session(call.uuid()).get("protocol").asString()).isEqualTo("twilio");

            List<String> bad = List.of(
                    "not JSON at all",
                    "{\"event\":\"media\",\"streamSid\":\"" + streamSid + "\",\"media\":{\"payload\":\"@@ no base64 @@\"}}",
                    "{\"event\":\"media\",\"streamSid\":\"" + streamSid + "\",\"media\":{}}",
                    "{\"event\":\"mark\",\"streamSid\":\"" + streamSid + "\",\"mark\":{\"name\":\"\"}}",
                    "{\"event\":\"transcript\",\"text\":\"an app event\"}");
            app.sendTexts(bad);
            await("a json event per message").atMost(WAIT)
                    .until(() -> gw.events("mod_audio_stream::json", call.uuid()).size() >= bad.size());
            assertThat(gw.events("mod_audio_stream::json", call.uuid())).extracting(Event::body)
                    .containsExactlyElementsOf(bad);
            app.sendText(media(streamSid, ulaw(TestAudio.sine(8000, 600, 20, 12_000))).getFirst());
            assertThat(gw.awaitEvent("mod_audio_stream::play", call.uuid(), WAIT).body())
                    .as("good audio after the bad messages").isEqualTo("{\"bytes\":160,\"protocol\":\"twilio\"}");
            assertThat(gw.session(call.uuid()).get("state").asString()).isEqualTo("STREAMING");
            assertThat(gw.events("mod_audio_stream::error", call.uuid())).as("errors").isEmpty();

            List<String> pending = new ArrayList<>(media(streamSid, ulaw(TestAudio.sine(8000, 600, 3000, 12_000))));
            pending.add(mark(streamSid, "pending"));
            app.sendTexts(pending);
            await("some of the 3 s played").atMost(WAIT).until(() -> gw.health(call.uuid()).get("inject")
                    .get("buffer_inuse_bytes").asLong(), inUse -> inUse > 0 && inUse <= 44_000);
            assertThat(gw.api("uuid_audio_stream " + call.uuid() + " stop")).isEqualTo(GatewayHarness.OK);
            assertThat(awaitClosed(app, 1).get("code").asInt()).isEqualTo(1000);
            List<String> kinds = kinds(app, 1);
            assertThat(kinds.subList(kinds.size() - 2, kinds.size())).as("the last two messages")
                    .containsExactly("mark", "stop");
            assertThat(twilio(app, 1, "mark")).extracting(m -> m.get("name").asString()).containsExactly("pending");
            assertNoViolations(app);
            call.hangUp();
        }
    }

    /** {@code ulaw} as Twilio {@code media} messages of 20 ms each, as Twilio bots send them. */
    private static List<String> media(String streamSid, byte[] ulaw) {
        List<String> messages = new ArrayList<>();
        for (int from = 0; from < ulaw.length; from += FRAME) {
            byte[] chunk = Arrays.copyOfRange(ulaw, from, Math.min(ulaw.length, from + FRAME));
            messages.add("{\"event\":\"media\",\"streamSid\":\"" + streamSid + "\",\"media\":{\"payload\":\""
                    + Base64.getEncoder().encodeToString(chunk) + "\"}}");
        }
        return messages;
    }

    /** The sequenceNumber of the outbound media message {@code chunk} on connection 1. */
    private static long outboundSeq(PythonWsServer app, int chunk) {
        return twilio(app, 1, "media").stream()
                .filter(m -> m.get("track").asString().equals("outbound") && m.get("chunk").asInt() == chunk)
                .findFirst().orElseThrow().get("seq").asLong();
    }

    private static String mark(String streamSid, String name) {
        return "{\"event\":\"mark\",\"streamSid\":\"" + streamSid + "\",\"mark\":{\"name\":\"" + name + "\"}}";
    }

    private static byte[] ulaw(short[] pcm) {
        byte[] out = new byte[pcm.length];
        G711Law.PCMU.encode(pcm, 0, out, 0, pcm.length);
        return out;
    }

    private static short[] decode(Path ulawFile) throws IOException {
        byte[] codes = Files.readAllBytes(ulawFile);
        short[] out = new short[codes.length];
        G711Law.PCMU.decode(codes, 0, out, 0, codes.length);
        return out;
    }

    /** The app's report of every message of {@code kind} it received on connection {@code conn}, in order. */
    private static List<JsonNode> twilio(PythonWsServer app, int conn, String kind) {
        return app.events("twilio").stream().filter(e -> e.get("conn").asInt() == conn)
                .filter(e -> e.get("kind").asString().equals(kind)).toList();
    }

    private static List<String> kinds(PythonWsServer app, int conn) {
        return app.events("twilio").stream().filter(e -> e.get("conn").asInt() == conn)
                .map(e -> e.get("kind").asString()).toList();
    }

    /** Outbound media messages holding the 600 Hz tone at 12000 peak (RMS 8485 before G.711). */
    private static List<JsonNode> toneChunks(PythonWsServer app) {
        return twilio(app, 1, "media").stream().filter(m -> m.get("track").asString().equals("outbound"))
                .filter(m -> m.get("rms").asDouble() > 6000).toList();
    }

    private static JsonNode awaitTwilio(PythonWsServer app, int conn, String kind) {
        return app.await(e -> e.get("event").asString().equals("twilio") && e.get("conn").asInt() == conn
                && e.get("kind").asString().equals(kind), WAIT);
    }

    private static JsonNode awaitMark(PythonWsServer app, int conn, String name) {
        return app.await(e -> e.get("event").asString().equals("twilio") && e.get("conn").asInt() == conn
                && e.get("kind").asString().equals("mark") && e.get("name").asString().equals(name), WAIT);
    }

    private static JsonNode awaitClosed(PythonWsServer app, int conn) {
        return app.await(e -> e.get("event").asString().equals("closed") && e.get("conn").asInt() == conn, WAIT);
    }

    private static void assertNoViolations(PythonWsServer app) {
        assertThat(app.events("violation")).as("protocol violations the Twilio app saw")
                .extracting(v -> JSON.writeValueAsString(v)).isEmpty();
    }
}
