package org.audiostream.app.demo;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.audiostream.app.Gateway;
import org.audiostream.call.sip.SipHeader;
import org.audiostream.call.sip.SipTimers;
import org.audiostream.config.AiSettings;
import org.audiostream.config.EffectiveConfig;
import org.audiostream.config.HostPort;
import org.audiostream.config.Resolution;
import org.audiostream.event.EventBus;
import org.audiostream.event.EventFilter;
import org.audiostream.media.G711Law;
import org.audiostream.media.WavFile;
import org.audiostream.observe.BuildInfo;
import org.audiostream.session.MediaSession;
import org.audiostream.stream.ai.AiEventBodies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code demo} command's flow on embedded defaults. {@link #start} runs the gateway on free
 * loopback ports and the demo echo app, and prints every event; {@link #callOnce} places one call
 * with the built-in {@link DemoCaller}, which starts streaming the FreeSWITCH way (an
 * {@code X-AUDIO_STREAM_START} header), prints the session's health before hanging up and the
 * global health after, writes what the caller heard and measures the echo delay. With {@code ai}, the demo
 * call starts AI mode instead ({@code X-AUDIO_STREAM_START_AI}) against {@link DemoAssistant} and the demo
 * measures how soon the caller hears the answer after it stops talking. Until {@link #close}, the gateway
 * keeps serving: calls to {@code sip:echo@…} stream to the echo app and calls to {@code sip:ai@…} talk to the
 * assistant by routing rule, other calls are parked until an API {@code start}.
 * Threads: {@link #start}, {@link #callOnce} and {@link #close} from one thread; events are
 * printed on the gateway's event-dispatch thread and the echo app's lines on its event loop.
 */
public final class DemoRun implements AutoCloseable {

    /**
     * @param outDir            where {@value #RECORDING} is written (created if missing)
     * @param echoDelayMs       how long the echo app holds each frame before sending it back
     * @param listenAfterPrompt how long the caller stays on after the prompt, for the echo
     * @param env               environment variables for the settings ({@code System.getenv()})
     * @param out               where the demo prints
     * @param ai                whether the demo call talks to the AI assistant instead of the echo app
     */
    public record Options(Path outDir, int echoDelayMs, Duration listenAfterPrompt, Map<String, String> env, PrintStream out,
                          boolean ai) {}

    /**
     * What the demo call showed.
     *
     * @param framesEchoed    audio frames the echo app sent back
     * @param playEvents      {@code mod_audio_stream::play} events (one per injected chunk)
     * @param heardAudibleMs  audible milliseconds in what the caller heard
     * @param promptAudibleMs audible milliseconds in the prompt
     */
    public record Report(DemoCallResult call, EchoAnalysis.Echo echo, long framesEchoed, long playEvents,
                         long heardAudibleMs, long promptAudibleMs, Path recording) {

        /** Whether the prompt came back recognisably: correlation at least {@value #MIN_CORRELATION}. */
        public boolean echoHeard() {
            return echo.correlation() >= MIN_CORRELATION;
        }
    }

    /**
     * What the AI demo call showed.
     *
     * @param answerDelayMs from the end of the caller's speech to the first audible answer, or -1 if none came
     * @param answerAudibleMs audible milliseconds after the caller's speech
     * @param transcript      the assistant's answer as its {@code ai_response} event reported it, or empty
     */
    public record AiReport(DemoCallResult call, long answerDelayMs, long answerAudibleMs, String transcript, Path recording) {

        /** Whether the caller heard an answer of at least {@value #MIN_ANSWER_MS} ms. */
        public boolean answerHeard() {
            return answerDelayMs >= 0 && answerAudibleMs >= MIN_ANSWER_MS;
        }
    }

    public static final String RECORDING = "caller-heard.wav";
    public static final double MIN_CORRELATION = 0.6;
    public static final long MIN_ANSWER_MS = 500;
    static final String START_HEADER = "X-AUDIO_STREAM_START";
    static final String START_AI_HEADER = "X-AUDIO_STREAM_START_AI";
    private static final String PROMPT_RESOURCE = "prompt.wav";
    private static final String CALLED_USER = "demo";
    /** The stream rate and the metadata that tells the echo app to answer at that rate. */
    private static final String STREAM_ARGS = " mono 16k {\"sampleRate\":16000}";
    private static final String DEMO_CALL_STREAM_ARGS = " mono 16k {\"sampleRate\":16000,\"demo\":true}";
    /** The echo is searched this far past the app's delay (the gateway adds well under 200 ms). */
    private static final int ECHO_SEARCH_MARGIN_MS = 1000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Options options;
    private final short[] prompt;
    private final EventPrinter printer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private EventLoopGroup appGroup;
    private DemoEchoApp app;
    private DemoAssistant assistant;
    private Gateway gateway;
    private EventBus.Subscription subscription;
    private boolean closed;

    private DemoRun(Options options, short[] prompt) {
        this.options = options;
        this.prompt = prompt;
        this.printer = new EventPrinter(options.out());
    }

    /**
     * Starts the echo app and the gateway and prints where they listen; stops what it started on failure.
     *
     * @throws org.audiostream.config.ConfigException if the environment holds invalid settings
     */
    public static DemoRun start(Options options) throws IOException, InterruptedException {
        DemoRun demo = new DemoRun(options, loadPrompt());
        try {
            demo.startComponents();
            return demo;
        } catch (IOException | InterruptedException | RuntimeException e) {
            demo.close();
            throw e;
        }
    }

    private void startComponents() throws IOException, InterruptedException {
        PrintStream out = options.out();
        out.println(BuildInfo.current().describe());
        appGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("demo-app"), NioIoHandler.newFactory());
        app = new DemoEchoApp(options.echoDelayMs(), line -> out.println("  " + line))
                .start(appGroup, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        assistant = DemoAssistant.start(options.env());
        Path configFile = DemoConfig.write(app.url() + STREAM_ARGS);
        try {
            Resolution resolution = DemoConfig.load(configFile, assistant.settings(options.env()));
            EffectiveConfig config = resolution.orThrow();
            resolution.warnings().forEach(p -> out.println("warning: " + p.message()));
            gateway = Gateway.start(config, configFile);
        } finally {
            Files.deleteIfExists(configFile);
        }
        subscription = gateway.events().subscribe(EventFilter.ALL, printer);
        out.println("Gateway: SIP (UDP and TCP) " + hostPort(gateway.sipAddress()) + ", admin API " + httpBase()
                + ", RTP ports from the default range");
        out.println("Demo app: " + app.url() + " (a WebSocket app that sends every audio frame back after "
                + options.echoDelayMs() + " ms)");
        out.println("AI assistant: " + assistant.describe());
        String tts = options.env().getOrDefault(AiSettings.TTS_PROVIDER.name(), "realtime");
        if (!tts.equals("realtime")) {
            out.println("AI voice: " + tts + " speaks the assistant's text answer sentence by sentence"
                    + (tts.equals("espeak") ? " (espeak-ng on this machine, offline)" : ""));
        }
    }

    /** Places the AI demo call: the caller says its sentence, the assistant answers; prints and records it. */
    public AiReport callAiOnce() throws IOException {
        PrintStream out = options.out();
        out.println();
        out.println("Calling sip:" + CALLED_USER + "@" + hostPort(gateway.sipAddress()) + " with " + START_AI_HEADER + ": {}");
        out.printf("The caller says a %.1f s sentence, then listens %.1f s for the answer.%n",
                prompt.length / (double) G711Law.SAMPLE_RATE, options.listenAfterPrompt().toMillis() / 1000.0);
        String[] uuid = new String[1];
        Map<String, String> answers = new ConcurrentHashMap<>();
        DemoCallResult call;
        try (EventBus.Subscription s = gateway.events().subscribe(new EventFilter(Set.of(AiEventBodies.RESPONSE), Set.of()),
                e -> answers.put(e.sessionUuid(), JSON.readTree(e.body()).path("text").asString()))) {
            call = DemoCaller.call(new DemoCaller.Settings(gateway.sipAddress(), CALLED_USER,
                            List.of(new SipHeader(START_AI_HEADER, "{}")), prompt, options.listenAfterPrompt(), SipTimers.DEFAULT),
                    callId -> uuid[0] = beforeHangup(callId));
            if (uuid[0] != null) {
                printer.awaitEnd(uuid[0], Duration.ofSeconds(2));
            }
        }
        String transcript = uuid[0] == null ? "" : answers.getOrDefault(uuid[0], "");
        Path recording = record(call);
        int spokenUntil = EchoAnalysis.audibleEnd(prompt);
        int answer = EchoAnalysis.firstAudible(call.heard(), spokenUntil);
        AiReport report = new AiReport(call, answer < 0 ? -1 : (answer - spokenUntil) * 1000L / G711Law.SAMPLE_RATE,
                EchoAnalysis.audibleMillis(call.heard(), spokenUntil), transcript, recording);
        printAiSummary(report);
        return report;
    }

    /** Places the demo call, prints what happened and writes the recording. */
    public Report callOnce() throws IOException {
        PrintStream out = options.out();
        String startArgs = app.url() + DEMO_CALL_STREAM_ARGS;
        out.println();
        out.println("Calling sip:" + CALLED_USER + "@" + hostPort(gateway.sipAddress()) + " with " + START_HEADER + ": " + startArgs);
        out.printf("The caller says a %.1f s sentence, then listens %.1f s for the echo.%n",
                prompt.length / (double) G711Law.SAMPLE_RATE, options.listenAfterPrompt().toMillis() / 1000.0);
        String[] uuid = new String[1];
        DemoCallResult call = DemoCaller.call(new DemoCaller.Settings(gateway.sipAddress(), CALLED_USER,
                        List.of(new SipHeader(START_HEADER, startArgs)), prompt, options.listenAfterPrompt(), SipTimers.DEFAULT),
                callId -> uuid[0] = beforeHangup(callId));
        if (uuid[0] != null) {
            printer.awaitEnd(uuid[0], Duration.ofSeconds(2));
        }
        Path recording = record(call);
        int maxLag = (options.echoDelayMs() + ECHO_SEARCH_MARGIN_MS) * G711Law.SAMPLE_RATE / 1000;
        Report report = new Report(call, EchoAnalysis.locate(prompt, call.heard(), maxLag), app.framesEchoed(),
                printer.playEvents(), EchoAnalysis.audibleMillis(call.heard()), EchoAnalysis.audibleMillis(prompt), recording);
        printSummary(report);
        return report;
    }

    /** Prints the session's health before the caller hangs up; returns the session's uuid, or null. */
    private String beforeHangup(String callId) {
        PrintStream out = options.out();
        String uuid = sessionUuid(callId).orElse(null);
        if (uuid == null) {
            out.println("No gateway session has Call-ID " + callId + "; no session health to show.");
        } else {
            out.println("Session health before hanging up (GET /v1/sessions/" + uuid + "/health):");
            out.println("  " + get("/v1/sessions/" + uuid + "/health"));
        }
        out.println("Hanging up (BYE).");
        return uuid;
    }

    /** Prints the global health and writes what the caller heard. */
    private Path record(DemoCallResult call) throws IOException {
        options.out().println("Global health (GET /v1/health):");
        options.out().println("  " + get("/v1/health"));
        Files.createDirectories(options.outDir());
        Path recording = options.outDir().resolve(RECORDING);
        new WavFile(G711Law.SAMPLE_RATE, 1, call.heard()).write(recording);
        return recording;
    }

    /** Tells how to call the running gateway from a SIP phone and start streaming by API. */
    public void printServingHelp() {
        PrintStream out = options.out();
        String sip = hostPort(gateway.sipAddress());
        out.println();
        out.println("The gateway keeps serving. Call it from a SIP phone (UDP or TCP):");
        out.println("  sip:" + DemoConfig.ECHO_USER + "@" + sip + "  streams to the demo app (routing rule): you hear yourself "
                + options.echoDelayMs() + " ms later");
        out.println("  sip:" + DemoConfig.AI_USER + "@" + sip + "  talks to the AI assistant (routing rule, action: ai)");
        out.println("  sip:" + CALLED_USER + "@" + sip + "  has no " + START_HEADER + " header and no rule: it is parked;");
        out.println("      start streaming it with its uuid (printed with call::created):");
        out.println("      curl -XPOST " + httpBase() + "/api -d 'uuid_audio_stream <uuid> start " + app.url() + STREAM_ARGS + "'");
        if (gateway.sipAddress().getAddress().isLoopbackAddress()) {
            out.println("  (SIP listens on loopback only; AUDIO_STREAM_SIP_BIND=0.0.0.0:5060 ./audio-stream demo takes calls from the network)");
        }
    }

    public InetSocketAddress sipAddress() {
        return gateway.sipAddress();
    }

    public InetSocketAddress httpAddress() {
        return gateway.httpAddress();
    }

    public String appUrl() {
        return app.url();
    }

    /** Drains and stops the gateway, then the echo app; safe to call twice (Ctrl-C and the normal path). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (gateway != null) {
            gateway.close();
        }
        if (subscription != null) {
            subscription.close();
        }
        if (app != null) {
            app.close();
        }
        if (assistant != null) {
            assistant.close();
        }
        if (appGroup != null) {
            appGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        http.close();
    }

    private void printSummary(Report r) {
        PrintStream out = options.out();
        DemoCallResult c = r.call();
        out.println();
        out.println("Summary");
        out.printf("  call      answered in %d ms, streamed %.1f s, %s%n", c.setup().toMillis(), c.media().toMillis() / 1000.0,
                c.endedByGateway() ? "hung up by the gateway" : "BYE answered in " + c.hangup().toMillis() + " ms");
        out.printf("  caller    sent %d RTP packets, received %d (%d ignored)%n", c.packetsSent(), c.packetsReceived(),
                c.packetsIgnored());
        out.printf("  echo app  sent back %d frames; the gateway played them as %d mod_audio_stream::play events%n",
                r.framesEchoed(), r.playEvents());
        out.printf("  heard     %.1f s of audio back (the prompt has %.1f s)%n", r.heardAudibleMs() / 1000.0,
                r.promptAudibleMs() / 1000.0);
        if (r.echoHeard()) {
            long delay = r.echo().lagMillis();
            out.printf("  delay     %d ms from saying to hearing (cross-correlation %.2f) = %d ms echo app + %d ms through the gateway%n",
                    delay, r.echo().correlation(), options.echoDelayMs(), delay - options.echoDelayMs());
        } else {
            out.printf("  delay     no echo of the prompt found: correlation %.2f < %.2f%n", r.echo().correlation(), MIN_CORRELATION);
        }
        out.println("  recording " + r.recording());
    }

    private void printAiSummary(AiReport r) {
        PrintStream out = options.out();
        DemoCallResult c = r.call();
        out.println();
        out.println("Summary");
        out.printf("  call      answered in %d ms, AI mode for %.1f s, %s%n", c.setup().toMillis(), c.media().toMillis() / 1000.0,
                c.endedByGateway() ? "hung up by the gateway" : "BYE answered in " + c.hangup().toMillis() + " ms");
        out.printf("  caller    sent %d RTP packets, received %d (%d ignored)%n", c.packetsSent(), c.packetsReceived(),
                c.packetsIgnored());
        if (r.answerHeard()) {
            out.printf("  answer    %.1f s of audio, the first %d ms after the caller stopped talking (server VAD's silence"
                    + " window included)%n", r.answerAudibleMs() / 1000.0, r.answerDelayMs());
        } else {
            out.printf("  answer    none heard (%d ms audible after the caller's sentence; needs %d)%n", r.answerAudibleMs(),
                    MIN_ANSWER_MS);
        }
        out.println("  said      " + (r.transcript().isEmpty() ? "(no ai_response event)" : "\"" + r.transcript() + "\""));
        out.println("  recording " + r.recording());
    }

    private Optional<String> sessionUuid(String callId) {
        return gateway.registry().all().stream().filter(s -> callId.equals(s.call().callId())).map(MediaSession::uuid).findFirst();
    }

    /** The body of an admin API GET, or what went wrong. */
    private String get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(httpBase() + path))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "HTTP " + response.statusCode() + ": " + response.body();
        } catch (IOException e) {
            return "request failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private String httpBase() {
        return "http://" + hostPort(gateway.httpAddress());
    }

    private static String hostPort(InetSocketAddress a) {
        return new HostPort(a.getAddress().getHostAddress(), a.getPort()).toString();
    }

    private static short[] loadPrompt() throws IOException {
        try (InputStream in = DemoRun.class.getResourceAsStream(PROMPT_RESOURCE)) {
            if (in == null) {
                throw new IOException("demo prompt missing: " + PROMPT_RESOURCE + " not on the classpath next to "
                        + DemoRun.class.getName());
            }
            WavFile wav = WavFile.read(in);
            if (wav.sampleRate() != G711Law.SAMPLE_RATE || wav.channels() != 1) {
                throw new IOException("demo prompt unusable: sampleRate=" + wav.sampleRate() + " channels=" + wav.channels()
                        + ", needs " + G711Law.SAMPLE_RATE + " Hz mono (" + PROMPT_RESOURCE + ")");
            }
            return wav.samples();
        }
    }
}
