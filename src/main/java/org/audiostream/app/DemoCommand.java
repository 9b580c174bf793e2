package org.audiostream.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.audiostream.app.demo.DemoRun;
import org.audiostream.config.AiSettings;
import org.audiostream.config.ConfigException;
import org.audiostream.observe.LogFormat;
import org.audiostream.observe.LogLevel;
import org.audiostream.observe.LogSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code audio-stream demo}: the main job end to end on embedded defaults ({@link DemoRun}): a
 * built-in caller calls the gateway, its speech streams to a WebSocket echo app and comes back,
 * and the demo reports what the caller heard; with {@code --ai} the call talks to a voice agent instead (the
 * built-in fake OpenAI Realtime service unless an API key is configured) and the demo reports how soon the
 * answer came. Then the gateway keeps serving until Ctrl-C, or for {@code --seconds N}. Exit status 1 if the
 * call fails or the caller does not hear the echo (the answer).
 * Threads: picocli's calling thread; on Ctrl-C the shutdown hook stops the demo.
 */
@Command(name = "demo", description = "Run the main job end to end on embedded defaults: a call streamed to a WebSocket app and back.")
final class DemoCommand implements Callable<Integer> {

    /** The caller stays on this long past the echo delay, so that the whole echo comes back. */
    private static final int LISTEN_PAST_ECHO_MS = 1000;
    private static final int MAX_ECHO_DELAY_MS = 10_000;
    /** The AI caller listens this long after its sentence: the VAD's silence window, then the whole answer. */
    private static final int LISTEN_FOR_ANSWER_MS = 7000;

    @Option(names = "--seconds", paramLabel = "N",
            description = "Exit N seconds after the demo call (0: right after it). Default: keep serving until Ctrl-C.")
    Integer seconds;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "demo-out",
            description = "Directory for " + DemoRun.RECORDING + " (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--echo-delay-ms", paramLabel = "MS", defaultValue = "500",
            description = "How long the echo app holds audio before sending it back, 0..10000; the caller listens this long"
                    + " plus 1 s after its sentence (default: ${DEFAULT-VALUE}).")
    int echoDelayMs;

    @Option(names = "--ai", description = "The demo call talks to the AI voice agent (AI mode, OpenAI Realtime protocol):"
            + " offline against the built-in fake service unless AUDIO_STREAM_AI_OPENAI_API_KEY is set.")
    boolean ai;

    @Option(names = "--tts", paramLabel = "PROVIDER",
            description = "With --ai: who speaks the agent's answers: realtime (the model's own voice, the default),"
                    + " local (espeak-ng on this machine, offline), elevenlabs, openai or realtime_tts.")
    String tts;

    @Override
    public Integer call() throws InterruptedException {
        LogSetup.configure(LogFormat.TEXT, LogLevel.WARN, true);
        try {
            return run(System.out);
        } finally {
            LogSetup.shutdown();
        }
    }

    private int run(PrintStream out) throws InterruptedException {
        if (seconds != null && seconds < 0) {
            System.err.println("--seconds must not be negative: seconds=" + seconds + " < 0");
            return 2;
        }
        if (echoDelayMs < 0 || echoDelayMs > MAX_ECHO_DELAY_MS) {
            System.err.println("--echo-delay-ms out of range: echoDelayMs=" + echoDelayMs + " not in 0.." + MAX_ECHO_DELAY_MS);
            return 2;
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        if (tts != null) {
            String provider = tts.equals("local") ? "espeak" : tts;
            if (!ai || !List.of("realtime", "elevenlabs", "openai", "realtime_tts", "espeak").contains(provider)) {
                System.err.println("--tts needs --ai and one of realtime, local, elevenlabs, openai, realtime_tts: tts=" + tts);
                return 2;
            }
            env.put(AiSettings.TTS_PROVIDER.name(), provider);
        }
        DemoRun demo;
        try {
            Duration listen = Duration.ofMillis(ai ? LISTEN_FOR_ANSWER_MS : echoDelayMs + LISTEN_PAST_ECHO_MS);
            demo = DemoRun.start(new DemoRun.Options(outDir, echoDelayMs, listen, env, out, ai));
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            System.err.println("demo failed to start: " + e.getMessage());
            return 1;
        }
        try {
            try {
                if (ai ? !demo.callAiOnce().answerHeard() : !demo.callOnce().echoHeard()) {
                    System.err.println(ai ? "demo failed: the caller heard no answer from the AI agent"
                            : "demo failed: the caller did not hear the prompt come back");
                    return 1;
                }
            } catch (IOException e) {
                System.err.println("demo call failed: " + e.getMessage());
                return 1;
            }
            if (seconds == null || seconds > 0) {
                serve(demo, out);
            }
            return 0;
        } finally {
            demo.close();
            out.println("Stopped.");
        }
    }

    private void serve(DemoRun demo, PrintStream out) throws InterruptedException {
        demo.printServingHelp();
        Thread hook = new Thread(() -> {
            out.println("Stopping: draining calls ...");
            demo.close();
            LogSetup.shutdown();
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (seconds == null) {
                out.println("Ctrl-C to stop.");
                new CountDownLatch(1).await();   // until the JVM exits; the hook stops the demo
            } else {
                out.println("Stopping in " + seconds + " s (or Ctrl-C).");
                Thread.sleep(seconds * 1000L);
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run; it stops the demo
            }
        }
    }
}
