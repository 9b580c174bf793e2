package org.audiostream.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs a named benchmark and appends its row to {@code docs/benchmarks.md}, under the table whose
 * header row the benchmark names. Usage (through {@code ./audio-stream bench}):
 * {@code BenchMain <docs/benchmarks.md> <name> [options]}; for the JMH benchmark (bm17) extra JMH
 * options (e.g. {@code -i 3 -r 1s}) override the defaults for quick runs; {@code rtpio}, {@code bm19},
 * {@code bm21}, {@code ai} and {@code tts-first-audio} are plain harnesses ({@link RtpIoBenchmark},
 * {@link Bm19Benchmark}, {@link Bm21Soak}, {@link AiLoadBenchmark}, {@link TtsFirstAudioBenchmark}) with options of
 * their own.
 */
public final class BenchMain {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: BenchMain <benchmarks.md> <bm17|rtpio|bm19|bm21|ai|tts-first-audio> [options]");
            System.exit(2);
        }
        Path docs = Path.of(args[0]);
        String name = args[1];
        if (name.equals("rtpio")) {
            RtpIoBenchmark.run(docs, Arrays.copyOfRange(args, 2, args.length));
            return;
        }
        if (name.equals("bm19")) {
            Bm19Benchmark.run(docs, Arrays.copyOfRange(args, 2, args.length));
            return;
        }
        if (name.equals("bm21")) {
            Bm21Soak.run(docs, Arrays.copyOfRange(args, 2, args.length));
            return;
        }
        if (name.equals("ai")) {
            AiLoadBenchmark.run(docs, Arrays.copyOfRange(args, 2, args.length));
            return;
        }
        if (name.equals("tts-first-audio")) {
            TtsFirstAudioBenchmark.run(docs, Arrays.copyOfRange(args, 2, args.length));
            return;
        }
        CommandLineOptions overrides = new CommandLineOptions(Arrays.copyOfRange(args, 2, args.length));
        if (!name.equals("bm17")) {
            System.err.println("unknown benchmark '" + name + "'; known: bm17, rtpio, bm19, bm21, ai, tts-first-audio");
            System.exit(2);
        }
        // Percentiles from sampled times; allocation from a separate average-time run, because
        // JMH's own sample bookkeeping would show up as allocation in SampleTime mode.
        RunResult sampled = run(new OptionsBuilder().parent(overrides).include(Bm17FrameBenchmark.class.getName())
                .mode(Mode.SampleTime).timeUnit(TimeUnit.NANOSECONDS));
        RunResult averaged = run(new OptionsBuilder().parent(overrides).include(Bm17FrameBenchmark.class.getName())
                .mode(Mode.AverageTime).timeUnit(TimeUnit.NANOSECONDS).addProfiler(GCProfiler.class));
        Statistics stats = sampled.getPrimaryResult().getStatistics();
        Result alloc = averaged.getSecondaryResults().entrySet().stream()
                .filter(e -> e.getKey().endsWith("gc.alloc.rate.norm")).map(java.util.Map.Entry::getValue)
                .findFirst().orElse(null);
        String row = String.join(" | ", "", LocalDate.now().toString(), machine(), "JDK " + Runtime.version().feature()
                        + " (" + Runtime.version() + ")", gcName(),
                Long.toString(Math.round(stats.getPercentile(50))), Long.toString(Math.round(stats.getPercentile(99))),
                Long.toString(Math.round(stats.getPercentile(99.9))),
                alloc == null ? "n/a" : String.format("%.3f", alloc.getScore()), "").trim();
        appendRow(docs, "## BM-17", row);
        System.out.println("BM-17 row appended to " + docs + ":\n" + row);
    }

    private static RunResult run(ChainedOptionsBuilder options) throws RunnerException {
        Collection<RunResult> results = new Runner(options.build()).run();
        return results.iterator().next();
    }

    /** Appends {@code row} at the end of the table under the section titled {@code heading}. */
    static void appendRow(Path docs, String heading, String row) throws IOException {
        List<String> lines = Files.readAllLines(docs);
        int section = lines.indexOf(lines.stream().filter(l -> l.startsWith(heading)).findFirst()
                .orElseThrow(() -> new IllegalStateException(heading + " not found in " + docs)));
        int insertAt = section + 1;
        boolean inTable = false;
        for (int i = section + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            if (lines.get(i).startsWith("|")) {
                inTable = true;
                insertAt = i + 1;
            } else if (inTable) {
                break;
            }
        }
        lines.add(insertAt, row);
        Files.write(docs, lines, StandardOpenOption.TRUNCATE_EXISTING);
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
        } catch (IOException ignored) {
            // not Linux: keep "unknown CPU"
        }
        return Runtime.getRuntime().availableProcessors() + " cores, " + cpu;
    }

    static String gcName() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .map(n -> n.split(" ")[0]).distinct().collect(Collectors.joining("+"));
    }
}
