package org.audiostream.bench;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.audiostream.testing.SippRunner;

/**
 * BM-21 (DESIGN.md §8): a soak. The same parties as BM-19, each in a process of its own, but SIPp keeps
 * {@code calls} calls up in a closed loop ({@code -users}), each {@code callSeconds} long, for
 * {@code minutes}; every {@value #SAMPLE_SECONDS} s the gateway's heap after a full GC, RSS, file
 * descriptors, threads and sessions are sampled. Pass: no failed call, heap and outside-the-heap RSS slopes over the
 * second half of the soak under {@value #MAX_HEAP_SLOPE_MB_PER_MIN} and {@value #MAX_RSS_SLOPE_MB_PER_MIN}
 * MB/min, and once the calls have ended sessions at 0, file descriptors and threads back at their
 * baseline (plus the event loops the first calls started, {@link #LAZY_LOOPS}) and the heap within
 * {@value #MAX_HEAP_ABOVE_BASELINE_MB} MB of it. Usage (through
 * {@code ./audio-stream bench bm21}): {@code --minutes M --calls N [--call-seconds 30]}. Threads: the main
 * thread drives and samples; SIPp runs on a pool thread.
 */
final class Bm21Soak {

    static final int SAMPLE_SECONDS = 10;
    static final double MAX_HEAP_SLOPE_MB_PER_MIN = 1.0;
    /**
     * Bound on the slope of the RSS outside the committed heap: RSS itself also grows while ZGC commits heap
     * towards its soft maximum, which is sizing, not a leak (the heap slope after GC catches a Java leak).
     */
    static final double MAX_RSS_SLOPE_MB_PER_MIN = 4.0;
    static final double MAX_HEAP_ABOVE_BASELINE_MB = 16;
    /**
     * The WebSocket event loops (one per core) start with the first calls and live as long as the process:
     * after the calls, threads may exceed the baseline by that many and FDs by two each (selector, wake-up).
     */
    static final int LAZY_LOOPS = Runtime.getRuntime().availableProcessors();
    private static final String HEADING = "## BM-21";

    /** The soak's outcome. */
    record Result(int calls, int minutes, String loadAverage, long callsDone, long failedCalls, Bm21Sample baseline,
                  Bm21Sample peak, Bm21Sample after, double heapSlopeMbPerMin, double rssSlopeMbPerMin,
                  double outsideHeapSlopeMbPerMin,
                  List<Bm21Sample> samples) {

        boolean passed() {
            return failedCalls == 0 && heapSlopeMbPerMin < MAX_HEAP_SLOPE_MB_PER_MIN
                    && outsideHeapSlopeMbPerMin < MAX_RSS_SLOPE_MB_PER_MIN && after.sessions() == 0
                    && after.fds() <= baseline.fds() + 2 * LAZY_LOOPS && after.threads() <= baseline.threads() + LAZY_LOOPS
                    && (after.heapAfterGcBytes() - baseline.heapAfterGcBytes()) / 1048576.0 < MAX_HEAP_ABOVE_BASELINE_MB;
        }

        String row(String command) {
            return String.format(Locale.ROOT, "| %s | %s | %d | %d | %d / %d | %.1f / %.1f / %.1f (%+.2f MB/min) "
                            + "| %.0f / %.0f / %.0f (%+.2f MB/min; outside the heap %+.2f) | %d / %d / %d | %d / %d / %d | %d | %s | `%s` |",
                    LocalDate.now(), loadAverage, calls, minutes, callsDone, failedCalls,
                    mb(baseline.heapAfterGcBytes()), mb(peak.heapAfterGcBytes()), mb(after.heapAfterGcBytes()),
                    heapSlopeMbPerMin, mb(baseline.rssBytes()), mb(peak.rssBytes()), mb(after.rssBytes()),
                    rssSlopeMbPerMin, outsideHeapSlopeMbPerMin, baseline.fds(), peak.fds(), after.fds(), baseline.threads(), peak.threads(),
                    after.threads(), after.sessions(), passed() ? "pass" : "FAIL", command);
        }
    }

    private Bm21Soak() {
    }

    static void run(Path docs, String[] args) throws Exception {
        int calls = 100;
        int minutes = 5;
        int callSeconds = 30;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--calls" -> calls = Integer.parseInt(args[++i]);
                case "--minutes" -> minutes = Integer.parseInt(args[++i]);
                case "--call-seconds" -> callSeconds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; known: --minutes M --calls N --call-seconds S");
            }
        }
        Path root = docs.toAbsolutePath().getParent().getParent();
        Result r = soak(root, root.resolve("target/bench/bm21-" + calls), calls, minutes, callSeconds);
        String row = r.row("./audio-stream bench bm21 " + String.join(" ", args));
        BenchMain.appendRow(docs, HEADING, row);
        System.out.println("BM-21 row appended to " + docs + ":\n" + row);
    }

    static Result soak(Path root, Path dir, int calls, int minutes, int callSeconds) throws Exception {
        Files.createDirectories(dir);
        String loadAverage = CpuClock.loadAverage();
        Path rtpgen = NativeTool.binary(root, "bm19_rtpgen");
        Path wsecho = NativeTool.binary(root, "bm19_wsecho");
        String sippName = "bm21-" + calls;
        Path sippLog = root.resolve("target/sipp").resolve(sippName).resolve("logs.log");
        Files.deleteIfExists(sippLog);
        long totalCalls = (long) calls * Math.max(1, minutes * 60L / callSeconds);
        try (ToolProcess app = ToolProcess.start("wsecho", List.of(wsecho.toString(), "-p", "0", "-r", "8000"),
                dir.resolve("wsecho.stderr"))) {
            int appPort = Integer.parseInt(app.readLine(Duration.ofSeconds(5)).split(" ")[1]);
            int sipPort = SippRunner.freePort();
            int httpPort = SippRunner.freePort();
            try (GatewayProcess gateway = GatewayProcess.start(root.resolve("target/audio-stream.jar"), dir,
                         Bm19Run.gatewayConfig(sipPort, httpPort, calls + 100, appPort, Bm19Run.CALL_RATE), httpPort, Map.of());
                 ToolProcess generator = ToolProcess.start("rtpgen", List.of(rtpgen.toString(), "-n",
                         Integer.toString(calls), "-f", sippLog.toString()), dir.resolve("rtpgen.stderr"))) {
                Thread.sleep(2000);
                Bm21Sample baseline = Bm21Sample.take(gateway, 0);
                System.out.println("baseline " + baseline.describe());
                String[] ports = generator.readLine(Duration.ofSeconds(10)).split(" ");
                Path inf = dir.resolve("calls.csv");
                List<String> lines = new ArrayList<>(List.of("SEQUENTIAL"));
                for (int i = 0; i < calls; i++) {
                    lines.add(i + ";" + ports[i + 1]);
                }
                Files.write(inf, lines);
                Duration timeout = Duration.ofMinutes(minutes).plusSeconds(callSeconds + 120L);
                long start = System.nanoTime();
                CompletableFuture<SippRunner.Result> sipp = CompletableFuture.supplyAsync(() -> SippRunner.run(sippName,
                        new InetSocketAddress("127.0.0.1", sipPort), timeout,
                        "-sf", root.resolve("src/test/resources/sipp/bm19_call.xml").toString(), "-s", "bm19",
                        "-inf", inf.toString(), "-users", Integer.toString(calls), "-m", Long.toString(totalCalls),
                        "-d", Integer.toString(callSeconds * 1000)));
                List<Bm21Sample> samples = new ArrayList<>();
                while (!sipp.isDone()) {
                    Thread.sleep(SAMPLE_SECONDS * 1000L);
                    Bm21Sample s = Bm21Sample.take(gateway, (System.nanoTime() - start) / 1e9);
                    samples.add(s);
                    System.out.println(s.describe());
                }
                SippRunner.Result result = sipp.get();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (gateway.sessions() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                Thread.sleep(2000);
                Bm21Sample after = Bm21Sample.take(gateway, (System.nanoTime() - start) / 1e9);
                System.out.println("after    " + after.describe());
                List<Bm21Sample> hold = samples.stream().filter(x -> x.sessions() * 10 >= calls * 9).toList();
                List<Bm21Sample> loaded = hold.subList(hold.size() / 2, hold.size());
                Bm21Sample peak = samples.stream().max((a, b) -> Long.compare(a.rssBytes(), b.rssBytes())).orElse(after);
                return new Result(calls, minutes, loadAverage, Math.max(0, result.successful()),
                        Math.max(0, result.failed()), baseline, peak, after,
                        slopePerMinute(loaded, Bm21Sample::heapAfterGcBytes), slopePerMinute(loaded, Bm21Sample::rssBytes),
                        slopePerMinute(loaded, Bm21Sample::outsideHeapBytes),
                        samples);
            }
        }
    }

    /** Least-squares slope of {@code value} in MB per minute over {@code samples}; 0 for fewer than 2. */
    static double slopePerMinute(List<Bm21Sample> samples, ToDoubleFunction<Bm21Sample> value) {
        int n = samples.size();
        if (n < 2) {
            return 0;
        }
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (Bm21Sample s : samples) {
            double x = s.seconds() / 60;
            double y = value.applyAsDouble(s) / 1048576.0;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double denominator = n * sxx - sx * sx;
        return denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
    }

    private static double mb(long bytes) {
        return bytes / 1048576.0;
    }
}
