package org.audiostream.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.audiostream.testing.SippRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One BM-19 run at one call count, every party in a process of its own: the gateway
 * ({@code audio-stream serve} with a routing rule streaming every call {@code mono 8000}, or another rate, to the
 * app), SIPp placing the calls, {@code bm19_rtpgen} sending and checking their RTP, and
 * {@code bm19_wsecho} answering each audio frame with a {@code streamAudio} message. Ramp (SIPp at
 * {@code rate} calls/s), hold (all calls up, {@code settle} seconds), measure ({@code measure}
 * seconds: CPU of each process from schedstat, box busy, the generator's loss and round trip, the
 * gateway's own histograms and GC), a {@value #STALL_MS} ms stall of the app and the round trip
 * measured again from 2 s after it (standing delay must not stay behind), heap and RSS with the calls
 * up, tear down (SIPp's BYEs), and RSS after. Threads: the caller's thread drives; SIPp runs on a pool thread.
 */
final class Bm19Run {

    /**
     * Run parameters; {@code gatewayEnv} are settings for the gateway ({@code AUDIO_STREAM_*=value}, which
     * override its defaults); with {@code jfr} the gateway is recorded by JFR ({@code settings=profile})
     * during the window, into {@code gateway.jfr}; {@code jar} is the gateway to run (normally
     * {@code target/audio-stream.jar}; another build for an A/B comparison).
     */
    static final int RSS_RETURN_MAX_SECONDS = 45;
    /** The generator's calls are PCMU: 8 kHz. */
    static final int CALL_RATE = 8000;

    record Params(int calls, int rate, int settleSeconds, int measureSeconds, Map<String, String> gatewayEnv,
                  boolean jfr, Path jar, int streamRate) {

        Params(int calls, int rate, int settleSeconds, int measureSeconds, Map<String, String> gatewayEnv, boolean jfr,
               Path jar) {
            this(calls, rate, settleSeconds, measureSeconds, gatewayEnv, jfr, jar, CALL_RATE);
        }

        /**
         * Whether the echoed audio can be checked byte for byte: only at the call's own rate, since a stream at
         * another rate is resampled on the way to the app and back.
         */
        boolean audioJudged() {
            return streamRate == CALL_RATE;
        }

        int rampSeconds() {
            return (calls + rate - 1) / rate;
        }

        /** How long each call stays up: ramp, settle, window, the stall check and the heap probe after it. */
        int holdMillis() {
            return (rampSeconds() + settleSeconds + measureSeconds + STALL_CHECK_SECONDS + 10) * 1000;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The app stalls this long after the window; the round trip is measured again from 2 s after it ends. */
    static final int STALL_MS = 300;
    private static final int AFTER_STALL_MS = 2000;
    private static final int STALL_WINDOW_MS = 3000;
    private static final int STALL_CHECK_SECONDS = (STALL_MS + AFTER_STALL_MS + STALL_WINDOW_MS) / 1000 + 1;

    private Bm19Run() {
    }

    /**
     * @param root the project directory (jar, C sources, SIPp scenarios)
     * @param dir where the run's files go (configuration, logs, SIPp traces)
     */
    static Bm19Result run(Path root, Path dir, Params p) throws Exception {
        Files.createDirectories(dir);
        String loadAverage = CpuClock.loadAverage();
        Path rtpgen = NativeTool.binary(root, "bm19_rtpgen");
        Path wsecho = NativeTool.binary(root, "bm19_wsecho");
        String sippName = "bm19-" + p.calls();
        Path sippLog = root.resolve("target/sipp").resolve(sippName).resolve("logs.log");
        Files.deleteIfExists(sippLog);

        try (ToolProcess app = ToolProcess.start("wsecho", List.of(wsecho.toString(), "-p", "0", "-r",
                Integer.toString(p.streamRate())),
                dir.resolve("wsecho.stderr"))) {
            int appPort = Integer.parseInt(app.readLine(Duration.ofSeconds(5)).split(" ")[1]);
            int sipPort = SippRunner.freePort();
            int httpPort = SippRunner.freePort();
            String config = gatewayConfig(sipPort, httpPort, p.calls() + 100, appPort, p.streamRate());
            try (GatewayProcess gateway = GatewayProcess.start(p.jar(), dir, config,
                         httpPort, p.gatewayEnv());
                 ToolProcess generator = ToolProcess.start("rtpgen", List.of(rtpgen.toString(), "-n",
                         Integer.toString(p.calls()), "-f", sippLog.toString()), dir.resolve("rtpgen.stderr"))) {
                Thread.sleep(2000);
                long heapBaseline = gateway.heapAfterFullGc();
                long rssBaseline = gateway.residentBytes();

                String[] ports = generator.readLine(Duration.ofSeconds(10)).split(" ");
                Path inf = dir.resolve("calls.csv");
                List<String> lines = new ArrayList<>(List.of("SEQUENTIAL"));
                for (int i = 0; i < p.calls(); i++) {
                    lines.add(i + ";" + ports[i + 1]);
                }
                Files.write(inf, lines);
                InetSocketAddress sip = new InetSocketAddress("127.0.0.1", sipPort);
                Duration sippTimeout = Duration.ofMillis(p.holdMillis()).plusSeconds(p.rampSeconds() + 60);
                CompletableFuture<SippRunner.Result> sipp = CompletableFuture.supplyAsync(() -> SippRunner.run(sippName,
                        sip, sippTimeout, "-sf", root.resolve("src/test/resources/sipp/bm19_call.xml").toString(),
                        "-s", "bm19", "-inf", inf.toString(), "-m", Integer.toString(p.calls()),
                        "-l", Integer.toString(p.calls()), "-r", Integer.toString(p.rate()),
                        "-d", Integer.toString(p.holdMillis())));

                long rampDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(p.rampSeconds() + 30);
                while (gateway.sessions() < p.calls() && System.nanoTime() < rampDeadline && !sipp.isDone()) {
                    Thread.sleep(200);
                }
                Thread.sleep(p.settleSeconds() * 1000L);
                long sippPid = sippPid();

                if (p.jfr()) {
                    gateway.jcmd("JFR.start", "name=bm19", "settings=profile");
                }
                Window window = Window.open(gateway, generator, app.pid(), sippPid);
                Thread.sleep(p.measureSeconds() * 1000L);
                Window.Closed measured = window.close();
                if (p.jfr()) {
                    gateway.jcmd("JFR.stop", "name=bm19", "filename=" + dir.resolve("gateway.jfr"));
                }
                app.send("stall " + STALL_MS);
                Thread.sleep(STALL_MS + AFTER_STALL_MS);
                generator.send("mark");
                Thread.sleep(STALL_WINDOW_MS);
                JsonNode afterStall = JSON.readTree(generator.ask("report"));

                long heapLoaded = gateway.heapAfterFullGc();
                long rssLoaded = gateway.residentBytes();
                SippRunner.Result calls = sipp.get(sippTimeout.toSeconds() + 30, TimeUnit.SECONDS);
                long endDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (gateway.sessions() > 0 && System.nanoTime() < endDeadline) {
                    Thread.sleep(200);
                }
                long rssAfter = rssOnceReturned(gateway, rssBaseline);

                JsonNode gen = JSON.readTree(measured.generatorReport());
                long unanswered = Math.max(Math.max(0, calls.failed()), p.calls() - gen.get("active_calls").asLong());
                long failed = unanswered + (p.audioJudged() ? gen.get("calls_without_return").asLong() : 0);
                return new Bm19Result(p.calls(), measured.seconds(), loadAverage, measured.cores(measured.gateway()),
                        measured.gatewayKernelShare(),
                        measured.cores(measured.generator()), measured.cores(measured.app()),
                        measured.cores(measured.sipp()), measured.box(), gen.get("loss_pct").asDouble(),
                        gen.get("rtt_p50_ms").asDouble(), gen.get("rtt_p99_ms").asDouble(),
                        gen.get("rtt_p999_ms").asDouble(),
                        measured.quantileMicros("audiostream_frame_processing_seconds", 0.5),
                        measured.quantileMicros("audiostream_frame_processing_seconds", 0.99),
                        measured.quantileMicros("audiostream_clock_lateness_seconds", 0.5),
                        measured.quantileMicros("audiostream_clock_lateness_seconds", 0.99),
                        (heapLoaded - heapBaseline) / p.calls(), (rssLoaded - rssBaseline) / p.calls(), rssAfter,
                        rssBaseline, measured.gcPauses(), measured.gcPauseMaxMs(), failed,
                        afterStall.get("rtt_p50_ms").asDouble(), afterStall.get("rtt_p99_ms").asDouble(),
                        measured.delta("audiostream_inject_trimmed_bytes_total") / 320,
                        measured.delta("audiostream_rtp_packets_late_total"),
                        measured.delta("audiostream_rtp_frames_skipped_total"),
                        measured.generatorReport(), measured.busiestThreads(), p.audioJudged());
            }
        }
    }

    /** The gateway's YAML: loopback ports, the admission cap, a routing rule streaming every call to the app. */
    static String gatewayConfig(int sipPort, int httpPort, int maxSessions, int appPort, int streamRate) {
        return """
                sip:
                  bind: 127.0.0.1:%d
                http:
                  bind: 127.0.0.1:%d
                limits:
                  max_sessions: %d
                routing:
                  - name: bench
                    match: { user: "^bm19$" }
                    action: ws
                    start: "ws://127.0.0.1:%d/bm19 mono %d"
                """.formatted(sipPort, httpPort, maxSessions, appPort, streamRate);
    }

    /** SIPp's process id (a child of this JVM), or -1 if it is not running. */
    static long sippPid() {
        return ProcessHandle.current().descendants()
                .filter(h -> h.info().command().map(c -> c.endsWith("/sipp")).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }

    /** CPU clocks, idle time and the gateway's metrics at the start of the measurement window. */
    private record Window(GatewayProcess gateway, ToolProcess generator, long[] pids, long[] cpuStart,
                          Map<String, Long> threadsStart, long[] kernelTicksStart, double idleStart, long wallStart,
                          PromScrape metricsStart) {

        static Window open(GatewayProcess gateway, ToolProcess generator, long appPid, long sippPid)
                throws IOException, InterruptedException {
            long[] pids = {gateway.pid(), generator.pid(), appPid, sippPid};
            PromScrape metrics = gateway.metrics();
            generator.send("mark");
            return new Window(gateway, generator, pids, cpu(pids), CpuClock.threadNanos(pids[0]),
                    CpuClock.kernelAndTotalTicks(pids[0]), CpuClock.idleSeconds(), System.nanoTime(), metrics);
        }

        Closed close() throws IOException, InterruptedException {
            long[] cpuEnd = cpu(pids);
            Map<String, Long> threadsEnd = CpuClock.threadNanos(pids[0]);
            long[] kernelTicksEnd = CpuClock.kernelAndTotalTicks(pids[0]);
            double idleEnd = CpuClock.idleSeconds();
            long wallEnd = System.nanoTime();
            String report = generator.ask("report");
            PromScrape metricsEnd = gateway.metrics();
            double seconds = (wallEnd - wallStart) / 1e9;
            long[] used = new long[pids.length];
            for (int i = 0; i < pids.length; i++) {
                used[i] = cpuEnd[i] - cpuStart[i];
            }
            double box = Runtime.getRuntime().availableProcessors() - (idleEnd - idleStart) / seconds;
            Map<String, Double> threadCores = new TreeMap<>();
            threadsEnd.forEach((name, nanos) -> threadCores.put(name,
                    (nanos - threadsStart.getOrDefault(name, 0L)) / 1e9 / seconds));
            long totalTicks = kernelTicksEnd[1] - kernelTicksStart[1];
            double kernelShare = totalTicks <= 0 ? 0 : (double) (kernelTicksEnd[0] - kernelTicksStart[0]) / totalTicks;
            return new Closed(seconds, used, threadCores, kernelShare, box, report, metricsStart, metricsEnd);
        }

        private static long[] cpu(long[] pids) {
            long[] out = new long[pids.length];
            for (int i = 0; i < pids.length; i++) {
                out[i] = pids[i] < 0 ? 0 : CpuClock.processNanos(pids[i]);
            }
            return out;
        }

        /** The window's figures: CPU nanoseconds per process (gateway, generator, app, SIPp). */
        record Closed(double seconds, long[] cpuNanos, Map<String, Double> gatewayThreadCores, double gatewayKernelShare,
                      double box,
                      String generatorReport, PromScrape before, PromScrape after) {

            /** The gateway's threads using at least 0.005 core, busiest first, e.g. {@code io-1-N=0.31}. */
            String busiestThreads() {
                return gatewayThreadCores.entrySet().stream().filter(e -> e.getValue() >= 0.005)
                        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                        .map(e -> String.format(Locale.ROOT, "%s=%.3f", e.getKey(), e.getValue()))
                        .collect(Collectors.joining(" "));
            }

            long gateway() {
                return cpuNanos[0];
            }

            long generator() {
                return cpuNanos[1];
            }

            long app() {
                return cpuNanos[2];
            }

            long sipp() {
                return cpuNanos[3];
            }

            double cores(long nanos) {
                return nanos / 1e9 / seconds;
            }

            double quantileMicros(String histogram, double q) {
                return PromScrape.quantile(before, after, histogram, q) * 1e6;
            }

            /** How much counter {@code name} grew over the window. */
            long delta(String name) {
                return Math.round(after.sum(name, "") - before.sum(name, ""));
            }

            long gcPauses() {
                return Math.round(after.sum("jvm_gc_pause_seconds_count", "") - before.sum("jvm_gc_pause_seconds_count", ""));
            }

            double gcPauseMaxMs() {
                return after.max("jvm_gc_pause_seconds_max") * 1e3;
            }
        }
    }

    /**
     * The gateway's RSS once the calls have ended: after a full GC, polled until it is back within half of the
     * baseline above it, for at most {@value #RSS_RETURN_MAX_SECONDS} s (ZGC gives unused heap back after the
     * launcher's {@code ZUncommitDelay} of 30 s).
     */
    private static long rssOnceReturned(GatewayProcess gateway, long rssBaseline) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RSS_RETURN_MAX_SECONDS);
        gateway.heapAfterFullGc();
        long rss = gateway.residentBytes();
        while (rss > rssBaseline * 3 / 2 && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            rss = gateway.residentBytes();
        }
        return rss;
    }
}
