package org.audiostream.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.Locale;

/**
 * BM-19 (DESIGN.md §8): concurrent calls through SIP/RTP → WebSocket echo app and back, one
 * {@link Bm19Run} per call count, one row per run appended to {@code docs/benchmarks.md}. Usage
 * (through {@code ./audio-stream bench bm19}): {@code --calls 250,500,1000 [--rate 50] [--settle 10]
 * [--measure 30] [--jfr] [--set AUDIO_STREAM_X=value ...]}; {@code --set} gives the gateway a setting
 * (through its environment); {@code --jar} runs another build of the gateway (A/B comparisons); {@code --jfr} records the gateway with JFR during the window, into
 * {@code target/bench/bm19-<calls>/gateway.jfr}; {@code --stream-rate 16000} streams to the app at that rate
 * instead of the call's 8000 (a CPU measurement: the audio is resampled both ways, so loss and round trip are not
 * judged). Threads: the main thread runs the configurations one after another.
 */
final class Bm19Benchmark {

    private static final String HEADING = "## BM-19";

    private Bm19Benchmark() {
    }

    static void run(Path docs, String[] args) throws Exception {
        int[] counts = {250, 500, 1000};
        int rate = 50;
        int settle = 10;
        int measure = 30;
        boolean jfr = false;
        Map<String, String> env = new TreeMap<>();
        Path jar = null;
        int streamRate = Bm19Run.CALL_RATE;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--calls" -> counts = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--settle" -> settle = Integer.parseInt(args[++i]);
                case "--measure" -> measure = Integer.parseInt(args[++i]);
                case "--jfr" -> jfr = true;
                case "--jar" -> jar = Path.of(args[++i]).toAbsolutePath();
                case "--stream-rate" -> streamRate = Integer.parseInt(args[++i]);
                case "--set" -> {
                    String[] kv = args[++i].split("=", 2);
                    env.put(kv[0], kv[1]);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; known: --calls N[,N...] --rate R --settle S --measure S --jfr --set AUDIO_STREAM_X=value --jar J --stream-rate HZ");
            }
        }
        String command = "./audio-stream bench bm19 " + String.join(" ", args);
        Path root = docs.toAbsolutePath().getParent().getParent();
        Path gatewayJar = jar == null ? root.resolve("target/audio-stream.jar") : jar;
        for (int calls : counts) {
            Path dir = root.resolve("target/bench/bm19-" + calls);
            Bm19Result r = Bm19Run.run(root, dir, new Bm19Run.Params(calls, rate, settle, measure, env, jfr, gatewayJar,
                    streamRate));
            System.out.println(r.describe());
            String row = row(r, command + (jfr ? " (JFR on)" : ""));
            BenchMain.appendRow(docs, HEADING, row);
            System.out.println("BM-19 row appended to " + docs + ":\n" + row);
        }
    }

    static String row(Bm19Result r, String command) {
        String audio = r.audioJudged()
                ? String.format(Locale.ROOT, "%.3f | %.1f / %.1f / %.1f | %.1f / %.1f", r.lossPercent(), r.rttP50Ms(),
                        r.rttP99Ms(), r.rttP999Ms(), r.rttP50AfterStallMs(), r.rttP99AfterStallMs())
                : "n/a (resampled) | n/a | n/a";
        return String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.1f (%.1f) | %.2f / %.2f / %.2f | %.2f | %s "
                        + "| %.0f / %.0f | %.0f / %.0f | %.0f | %.2f | %d / %d | %d / %.2f | %d | `%s` |",
                LocalDate.now(), r.loadAverage(), r.calls(), r.gatewayCores(), r.microsPerCallFrame(), r.kernelMicrosPerCallFrame(),
                r.generatorCores(), r.appCores(), r.sippCores(), r.boxCores(), audio,
                r.frameP50Micros(), r.frameP99Micros(), r.latenessP50Micros(), r.latenessP99Micros(),
                r.heapPerCallBytes() / 1024.0, r.rssPerCallBytes() / 1048576.0, r.rssBaselineBytes() >> 20,
                r.rssAfterBytes() >> 20, r.gcPauses(), r.gcPauseMaxMs(), r.failedCalls(), command);
    }
}
