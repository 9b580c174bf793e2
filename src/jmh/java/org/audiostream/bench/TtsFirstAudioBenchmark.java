package org.audiostream.bench;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.audiostream.config.ConfigLoader;
import org.audiostream.fakes.tts.FakeTtsServer;
import org.audiostream.media.G711Law;
import org.audiostream.media.InjectBuffer;
import org.audiostream.media.InjectListener;
import org.audiostream.stream.ai.TextSink;
import org.audiostream.stream.ai.tts.TtsCache;
import org.audiostream.stream.ai.tts.TtsOptions;
import org.audiostream.stream.ai.tts.TtsPipeline;
import org.audiostream.stream.ai.tts.TtsResources;

/**
 * First audio of a TTS-style answer, ElevenLabs over HTTP against ElevenLabs over WebSocket: a {@link TtsPipeline}
 * of a μ-law call (real engines, real inject buffer) gets a scripted answer one word-sized delta every
 * {@code --token-ms} (30), as a model writes it, and speaks it through the fake ElevenLabs answering each request
 * (HTTP) or generation (WebSocket) after {@code --ttfb-ms} (150). Measured from the first delta to the first audio
 * going into the inject buffer ({@code TextSink.Host#speaking}, called in the loop task that writes it), per
 * answer and transport, over {@code --rounds} (10) sessions each; every session waits 300 ms before its answer, as
 * a call does between its start and the model's first word. Usage: {@code ./audio-stream bench tts-first-audio
 * [--rounds 10] [--token-ms 30] [--ttfb-ms 150]}.
 *
 * <p>Threads: the calling thread, one event loop for the sessions, the fake's and the HTTP client's threads.
 */
final class TtsFirstAudioBenchmark {

    private static final String HEADING = "## TTS style: first audio, ElevenLabs over HTTP and over WebSocket";
    private static final String KEY = "xi-bench-0123456789";
    private static final int SETUP_MS = 300;
    /** Answers whose first sentences are long, medium and short (87, 62 and 29 characters). */
    static final List<String> ANSWERS = List.of(
            "Sure, I can help you with that booking for tomorrow evening at the downtown restaurant. What time suits you?",
            "Let me check which rooms are still free on the dates you gave me. One moment, please.",
            "Your table for two is booked. We look forward to seeing you tonight.");

    private TtsFirstAudioBenchmark() {}

    static void run(Path docs, String[] args) throws Exception {
        int rounds = 10;
        int tokenMs = 30;
        int ttfbMs = 150;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--token-ms" -> tokenMs = Integer.parseInt(args[i + 1]);
                case "--ttfb-ms" -> ttfbMs = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        EventLoop loop = new DefaultEventLoop();
        try (FakeTtsServer fake = FakeTtsServer.start(KEY);
             TtsResources resources = new TtsResources(new TtsCache(0, 0, Duration.ofMinutes(1)), 1)) {
            fake.firstByteDelayMs(ttfbMs);
            Map<String, List<double[]>> results = new HashMap<>();
            for (int r = 0; r < rounds; r++) {
                for (String transport : List.of("http", "websocket")) {
                    for (int a = 0; a < ANSWERS.size(); a++) {
                        double ms = firstAudioMs(loop, resources, fake, transport, ANSWERS.get(a), tokenMs);
                        results.computeIfAbsent(transport, t -> new ArrayList<>()).add(new double[] {a, ms});
                    }
                }
            }
            String row = row(results, rounds, tokenMs, ttfbMs);
            BenchMain.appendRow(docs, HEADING, row);
            System.out.println("row appended to " + docs + ":\n" + row);
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** One session: the answer written at {@code tokenMs} per delta; milliseconds from its first delta to its first audio. */
    private static double firstAudioMs(EventLoop loop, TtsResources resources, FakeTtsServer fake, String transport,
                                       String answer, int tokenMs) throws Exception {
        Map<String, String> vars = Map.of("AUDIO_STREAM_AI_TTS_PROVIDER", "elevenlabs",
                "AUDIO_STREAM_AI_TTS_FALLBACK", "", "AUDIO_STREAM_AI_ELEVENLABS_API_KEY", KEY,
                "AUDIO_STREAM_AI_ELEVENLABS_URL", fake.baseUrl(), "AUDIO_STREAM_AI_ELEVENLABS_TRANSPORT", transport,
                "AUDIO_STREAM_AI_ENABLE_TTS_CACHE", "false", "AUDIO_STREAM_AI_TTS_APOLOGY", "",
                "AUDIO_STREAM_AI_DSP_ENABLED", "false");
        TtsOptions options = TtsOptions.from(ConfigLoader.load(org.audiostream.config.Schema.ALL, null, Map.of(), vars,
                "bench").orThrow(), 8000, Optional.of(G711Law.PCMU));
        InjectBuffer inject = new InjectBuffer(60_000, 0, 8000, InjectListener.NONE);
        TtsPipeline pipeline = new TtsPipeline("bench", inject, options, resources);
        CompletableFuture<Long> firstAudio = new CompletableFuture<>();
        pipeline.attach(new TextSink.Host() {
            @Override
            public EventLoop loop() {
                return loop;
            }

            @Override
            public void speaking(String responseId, long arrivalNanos) {
                firstAudio.complete(System.nanoTime());
            }

            @Override
            public void queued(long arrivalNanos) {
            }

            @Override
            public void finished(String responseId) {
            }

            @Override
            public void event(String event, Object... details) {
            }
        });
        Thread.sleep(SETUP_MS);
        List<String> deltas = words(answer);
        long[] firstDelta = new long[1];
        int[] next = new int[1];
        ScheduledFuture<?>[] writer = new ScheduledFuture<?>[1];
        writer[0] = loop.scheduleAtFixedRate(() -> {
            if (next[0] == 0) {
                firstDelta[0] = System.nanoTime();
            }
            if (next[0] < deltas.size()) {
                pipeline.onTextDelta("r1", deltas.get(next[0]++));
            } else {
                pipeline.onResponseDone("r1");
                writer[0].cancel(false);
            }
        }, 0, tokenMs, TimeUnit.MILLISECONDS);
        long at = firstAudio.get(10, TimeUnit.SECONDS);
        loop.submit(() -> {
            writer[0].cancel(false);
            pipeline.close();
        }).get();
        if (inject.inUseSamples() == 0) {
            throw new IllegalStateException("no audio reached the inject buffer");
        }
        return (at - firstDelta[0]) / 1e6;
    }

    /** Word-sized deltas, each word with the space before it, as the Realtime service sends them. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                out.add(text.substring(start, i));
                start = i;
            }
        }
        return out;
    }

    private static String row(Map<String, List<double[]>> results, int rounds, int tokenMs, int ttfbMs) {
        List<String> cells = new ArrayList<>(List.of(LocalDate.now().toString(), BenchMain.machine(),
                "JDK " + Runtime.version().feature(), String.format(Locale.ROOT, "%.1f", loadAverage()),
                tokenMs + " ms / " + ttfbMs + " ms", Integer.toString(rounds)));
        for (int a = 0; a < ANSWERS.size(); a++) {
            cells.add(median(results.get("http"), a) + " / " + median(results.get("websocket"), a));
        }
        return "| " + String.join(" | ", cells) + " |";
    }

    private static String median(List<double[]> samples, int answer) {
        double[] ms = samples.stream().filter(s -> s[0] == answer).mapToDouble(s -> s[1]).sorted().toArray();
        return String.format(Locale.ROOT, "%.0f (%.0f–%.0f)", ms[ms.length / 2], ms[0], ms[ms.length - 1]);
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (java.io.IOException e) {
            return Double.NaN;
        }
    }
}
