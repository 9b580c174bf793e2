package org.audiostream.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.audiostream.fakes.tts.FakeTtsServer;
import org.audiostream.media.G711Law;
import org.audiostream.testing.AsteriskSounds;
import org.audiostream.testing.G711Prompt;
import org.audiostream.testing.SippRunner;

/**
 * AI mode under load, three processes apart: the gateway ({@code serve}, its own JVM), the fake Realtime service
 * ({@code FakeRealtimeMain}, its own JVM) and SIPp as the callers. N calls start AI mode with
 * {@code X-AUDIO_STREAM_START_AI}; every caller says a 3 s prompt then stays silent 4 s, over and over, so that
 * the fake's VAD answers every 7 s with 1.2 s of synthetic voice, which the gateway plays. Over a window after
 * the ramp and a warm-up, each process's CPU is read from {@code /proc/<pid>/task/*&#47;schedstat}, the box's
 * from {@code /proc/uptime}, and the gateway's own share of response latency from its
 * {@code audiostream_ai_first_audio_delay_seconds} histogram (difference of two scrapes).
 * AI sessions per core = N / the gateway's cores. Usage: {@code ./audio-stream bench ai [-n 25,50,100] [-w 10] [-d 30]}.
 *
 * <p>With {@code --tts elevenlabs|openai} the model writes and a fake TTS provider (in this process, answering
 * after {@value #TTS_FIRST_BYTE_MS} ms, the cache off so that every sentence is a request) speaks; the same
 * histogram then starts at the provider's first byte, and the rows go to the TTS table: the gateway's time from a
 * sentence's text to its first RTP packet on top of the provider's first byte (the request leaves in the event-loop
 * turn that completes the sentence).
 *
 * <p>Threads: the calling thread; SIPp's runner blocks on a pool thread.
 */
final class AiLoadBenchmark {

    private static final String HEADING = "## AI mode: sessions per core and first-audio delay";
    private static final String TTS_HEADING = "## TTS style: sentence text to first RTP packet";
    private static final String TTS_KEY = "xi-bench-fake-tts";
    static final int TTS_FIRST_BYTE_MS = 100;
    private static final String API_KEY = "sk-bench-fake-realtime";
    private static final int SPEECH_MS = 3000;
    private static final int PAUSE_MS = 4000;
    private static final Pattern BUCKET = buckets("audiostream_ai_first_audio_delay_seconds");
    private static final Pattern QUEUED_BUCKET = buckets("audiostream_ai_first_audio_queued_seconds");
    private static final Pattern RESPONSES = Pattern.compile("^audiostream_ai_responses_total ([0-9.eE+]+)$", Pattern.MULTILINE);

    private AiLoadBenchmark() {}

    private static Pattern buckets(String histogram) {
        return Pattern.compile("^" + histogram + "_bucket\\{le=\"([^\"]+)\"} ([0-9.eE+]+)$", Pattern.MULTILINE);
    }

    static void run(Path docs, String[] args) throws Exception {
        List<Integer> calls = List.of(25, 50, 100);
        int warmupSeconds = 10;
        int windowSeconds = 30;
        String tts = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "-n" -> calls = Arrays.stream(args[i + 1].split(",")).map(Integer::parseInt).toList();
                case "-w" -> warmupSeconds = Integer.parseInt(args[i + 1]);
                case "-d" -> windowSeconds = Integer.parseInt(args[i + 1]);
                case "--tts" -> tts = switch (args[i + 1]) {
                    case "elevenlabs", "openai" -> args[i + 1];
                    default -> throw new IllegalArgumentException("--tts takes elevenlabs or openai, not " + args[i + 1]);
                };
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; known: -n, -w, -d, --tts");
            }
        }
        Path work = Files.createDirectories(Path.of("target/bench-ai"));
        Path speech = speechLoop(work, warmupSeconds + windowSeconds + 60);
        for (int n : calls) {
            String row;
            if (tts == null) {
                row = measure(n, warmupSeconds, windowSeconds, work, speech, Map.of(), "");
            } else {
                try (FakeTtsServer fake = FakeTtsServer.start(TTS_KEY, API_KEY)) {
                    fake.firstByteDelayMs(TTS_FIRST_BYTE_MS);
                    Map<String, String> env = tts.equals("elevenlabs")
                            ? Map.of("AUDIO_STREAM_AI_TTS_PROVIDER", "elevenlabs", "AUDIO_STREAM_AI_ELEVENLABS_URL", fake.baseUrl(),
                                    "AUDIO_STREAM_AI_ELEVENLABS_API_KEY", TTS_KEY, "AUDIO_STREAM_AI_ENABLE_TTS_CACHE", "false")
                            : Map.of("AUDIO_STREAM_AI_TTS_PROVIDER", "openai", "AUDIO_STREAM_AI_OPENAI_TTS_URL",
                                    fake.openAiSpeechUrl(), "AUDIO_STREAM_AI_ENABLE_TTS_CACHE", "false");
                    row = measure(n, warmupSeconds, windowSeconds, work, speech, env, tts + " | " + TTS_FIRST_BYTE_MS + " | ");
                }
            }
            String heading = tts == null ? HEADING : TTS_HEADING;
            BenchMain.appendRow(docs, heading, row);
            System.out.println((tts == null ? "AI" : "TTS") + " row appended to " + docs + ":\n" + row);
        }
    }

    /**
     * @param extraEnv   the gateway's environment on top of the fake Realtime service's URL and key
     * @param rowColumns columns of the row placed after the load average (the TTS provider and its first byte)
     */
    private static String measure(int n, int warmupSeconds, int windowSeconds, Path work, Path speech,
                                  Map<String, String> extraEnv, String rowColumns) throws Exception {
        int rampSeconds = Math.max(1, n / 20);
        int holdMs = (rampSeconds + warmupSeconds + windowSeconds + 15) * 1000;
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        try (JavaProcess fake = JavaProcess.start(work.resolve("fake.log"), Map.of(),
                "org.audiostream.fakes.realtime.FakeRealtimeMain", "--api-key", API_KEY, "--io-threads", "1");
             Gateway gateway = Gateway.start(work, fake.awaitLine("url=", Duration.ofSeconds(20)), extraEnv)) {
            CompletableFuture<SippRunner.Result> sipp = CompletableFuture.supplyAsync(() -> SippRunner.run("bench-ai-" + n,
                    gateway.sip, Duration.ofMillis(holdMs + 120_000), Map.of("speech.ulaw", speech),
                    "-sf", SippRunner.scenario("rtp_stream_call.xml").toString(), "-s", "ai",
                    "-key", "start_header", "X-AUDIO_STREAM_START_AI", "-key", "start_args", "{}",
                    "-set", "speak_after_ms", "500", "-l", String.valueOf(n), "-m", String.valueOf(n), "-r", "20",
                    "-d", String.valueOf(holdMs)));
            gateway.awaitAiSessions(n, Duration.ofSeconds(rampSeconds + 30));
            TimeUnit.SECONDS.sleep(warmupSeconds);
            long sippPid = sippPid(gateway.sip.getPort());
            Sample before = Sample.take(gateway, fake.pid(), sippPid);
            TimeUnit.SECONDS.sleep(windowSeconds);
            Sample after = Sample.take(gateway, fake.pid(), sippPid);
            int aiSessions = gateway.aiSessions();
            SippRunner.Result result = sipp.get(holdMs + 180_000L, TimeUnit.MILLISECONDS);

            double seconds = (after.uptimeNanos - before.uptimeNanos) / 1e9;
            double gatewayCores = (after.gatewayNanos - before.gatewayNanos) / 1e9 / seconds;
            double fakeCores = (after.fakeNanos - before.fakeNanos) / 1e9 / seconds;
            double sippCores = (after.sippNanos - before.sippNanos) / 1e9 / seconds;
            double boxBusy = 2 - (after.idleSeconds - before.idleSeconds) / seconds;
            long[] delays = difference(after.firstAudio.counts(), before.firstAudio.counts());
            long[] queued = difference(after.queued.counts(), before.queued.counts());
            double responses = after.responses - before.responses;
            return String.join(" | ", "", LocalDate.now().toString(), BenchMain.machine(),
                    "JDK " + Runtime.version().feature(), load, rowColumns + n, Integer.toString(aiSessions),
                    f2(gatewayCores), String.format("%.0f", n / gatewayCores), f2(fakeCores), f2(sippCores), f2(boxBusy),
                    String.format("%.0f", responses), ms(percentile(before.firstAudio.bounds(), delays, 0.50)),
                    ms(percentile(before.firstAudio.bounds(), delays, 0.99)), Long.toString(result.failed()),
                    ms(percentile(before.queued.bounds(), queued, 0.50)) + " / "
                            + ms(percentile(before.queued.bounds(), queued, 0.99)), "").trim();
        }
    }

    /** What the gateway, the fake and SIPp had used, and the gateway's metrics, at one moment. */
    private record Sample(long uptimeNanos, double idleSeconds, long gatewayNanos, long fakeNanos, long sippNanos,
                          Buckets firstAudio, Buckets queued, double responses) {

        static Sample take(Gateway gateway, long fakePid, long sippPid) throws IOException, InterruptedException {
            String metrics = gateway.get("/metrics");
            Matcher r = RESPONSES.matcher(metrics);
            String[] uptime = Files.readString(Path.of("/proc/uptime")).trim().split("\\s+");
            return new Sample(System.nanoTime(), Double.parseDouble(uptime[1]), ProcessCpu.nanos(gateway.pid()),
                    ProcessCpu.nanos(fakePid), ProcessCpu.nanos(sippPid), Buckets.of(BUCKET, metrics),
                    Buckets.of(QUEUED_BUCKET, metrics), r.find() ? Double.parseDouble(r.group(1)) : 0);
        }
    }

    /** One Prometheus histogram's upper bounds and cumulative counts, as scraped. */
    private record Buckets(double[] bounds, long[] counts) {

        static Buckets of(Pattern bucket, String metrics) {
            List<Double> bounds = new ArrayList<>();
            List<Long> counts = new ArrayList<>();
            Matcher m = bucket.matcher(metrics);
            while (m.find()) {
                bounds.add(m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1)));
                counts.add((long) Double.parseDouble(m.group(2)));
            }
            return new Buckets(bounds.stream().mapToDouble(Double::doubleValue).toArray(),
                    counts.stream().mapToLong(Long::longValue).toArray());
        }
    }

    /** The gateway as a {@code serve} process: every call to {@code sip:ai@} starts AI mode against the fake. */
    private static final class Gateway implements AutoCloseable {
        final java.net.InetSocketAddress sip;
        private final JavaProcess process;
        private final String http;
        private final HttpClient client = HttpClient.newHttpClient();

        private Gateway(JavaProcess process, java.net.InetSocketAddress sip, String http) {
            this.process = process;
            this.sip = sip;
            this.http = http;
        }

        static Gateway start(Path work, String fakeUrl, Map<String, String> extraEnv) throws IOException, InterruptedException {
            int sipPort = freePort();
            int httpPort = freePort();
            Path config = work.resolve("gateway.yaml");
            Files.writeString(config, """
                    sip:
                      bind: 127.0.0.1:%d
                    http:
                      bind: 127.0.0.1:%d
                    """.formatted(sipPort, httpPort));
            Map<String, String> env = new HashMap<>(extraEnv);
            env.putAll(Map.of("AUDIO_STREAM_AI_OPENAI_URL", fakeUrl, "AUDIO_STREAM_AI_OPENAI_API_KEY", API_KEY,
                    "AUDIO_STREAM_LOG_LEVEL", "warn"));
            JavaProcess p = JavaProcess.start(work.resolve("gateway.log"), env,
                    "org.audiostream.app.Main", "serve", "--config", config.toString());
            Gateway g = new Gateway(p, new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), sipPort),
                    "http://127.0.0.1:" + httpPort);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                try {
                    if (g.client.send(HttpRequest.newBuilder(URI.create(g.http + "/readyz")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return g;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                if (System.nanoTime() > deadline) {
                    g.close();
                    throw new IOException("gateway not ready within 30 s; see " + work.resolve("gateway.log"));
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }

        long pid() {
            return process.pid();
        }

        String get(String path) throws IOException, InterruptedException {
            return client.send(HttpRequest.newBuilder(URI.create(http + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
        }

        int aiSessions() throws IOException, InterruptedException {
            Matcher m = Pattern.compile("\"active_ai_sessions\":(\\d+)").matcher(get("/v1/health"));
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        }

        void awaitAiSessions(int n, Duration timeout) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (aiSessions() < n) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + aiSessions() + " of " + n + " AI sessions up after " + timeout);
                }
                TimeUnit.MILLISECONDS.sleep(250);
            }
        }

        @Override
        public void close() {
            client.close();
            process.close();
        }
    }

    /** A JVM child on our classpath, its output in a log file; closed by closing its standard input, then SIGTERM. */
    private record JavaProcess(Process process, Path log) implements AutoCloseable {

        static JavaProcess start(Path log, Map<String, String> env, String mainClass, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-XX:+UseZGC", "-Xmx1g", "-cp", System.getProperty("java.class.path"), mainClass));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(env);
            return new JavaProcess(pb.start(), log);
        }

        long pid() {
            return process.pid();
        }

        /** The rest of the first line of the log that starts with {@code prefix}. */
        String awaitLine(String prefix, Duration timeout) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                Optional<String> line = Files.readAllLines(log).stream().filter(l -> l.startsWith(prefix)).findFirst();
                if (line.isPresent()) {
                    return line.get().substring(prefix.length());
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
            throw new IOException("no line starting with " + prefix + " in " + log + " within " + timeout);
        }

        @Override
        public void close() {
            try (OutputStream in = process.getOutputStream()) {
                in.flush();
            } catch (IOException gone) {
                // already exited
            }
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** u-law speech (3 s of an Asterisk prompt) and silence (4 s), repeated to last {@code seconds}. */
    private static Path speechLoop(Path work, int seconds) throws IOException {
        G711Prompt prompt = G711Prompt.convert(AsteriskSounds.prompt("demo-thanks.wav"), G711Law.PCMU,
                Path.of("target/prompts"), SPEECH_MS / 1000.0);
        byte[] said = Files.readAllBytes(prompt.file());
        byte[] pause = new byte[PAUSE_MS * 8];
        Arrays.fill(pause, G711Law.PCMU.encode((short) 0));
        Path out = work.resolve("speech-loop.ulaw");
        try (OutputStream o = Files.newOutputStream(out)) {
            for (int ms = 0; ms < seconds * 1000; ms += SPEECH_MS + PAUSE_MS) {
                o.write(said);
                o.write(pause);
            }
        }
        return out;
    }

    /** SIPp's pid: the sipp process whose command line names the gateway's SIP port. */
    private static long sippPid(int sipPort) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("sipp")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(":" + sipPort)).orElse(false))
                .findFirst().map(ProcessHandle::pid)
                .orElseThrow(() -> new IllegalStateException("no sipp process for port " + sipPort));
    }

    private static long[] difference(long[] after, long[] before) {
        long[] d = new long[after.length];
        for (int i = 0; i < after.length; i++) {
            d[i] = after[i] - (i < before.length ? before[i] : 0);
        }
        return d;
    }

    /** The {@code q} quantile of cumulative bucket counts, interpolated linearly inside its bucket; NaN if empty. */
    static double percentile(double[] bounds, long[] cumulative, double q) {
        long total = cumulative.length == 0 ? 0 : cumulative[cumulative.length - 1];
        if (total == 0) {
            return Double.NaN;
        }
        double target = q * total;
        for (int i = 0; i < bounds.length; i++) {
            if (cumulative[i] >= target) {
                double lower = i == 0 ? 0 : bounds[i - 1];
                long below = i == 0 ? 0 : cumulative[i - 1];
                if (Double.isInfinite(bounds[i])) {
                    return lower;
                }
                return lower + (bounds[i] - lower) * (target - below) / Math.max(1, cumulative[i] - below);
            }
        }
        return Double.NaN;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String f2(double v) {
        return String.format("%.2f", v);
    }

    private static String ms(double seconds) {
        return Double.isNaN(seconds) ? "n/a" : String.format("%.1f", seconds * 1000);
    }
}
