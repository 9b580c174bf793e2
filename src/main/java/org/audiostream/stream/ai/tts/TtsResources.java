package org.audiostream.stream.ai.tts;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.audiostream.config.AiSettings;
import org.audiostream.config.EffectiveConfig;

/**
 * What every TTS-style session of the process shares: one HTTP client (its requests and WebSocket callbacks run
 * on virtual threads), the TTS cache, the counters, and the bound on concurrent espeak-ng processes.
 * Threads: thread-safe; {@link #close} once, at shutdown.
 */
public final class TtsResources implements AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private final ExecutorService executor;
    private final HttpClient http;
    private final TtsCache cache;
    private final TtsCounters counters = new TtsCounters();
    private final Semaphore espeakProcesses;

    public TtsResources(TtsCache cache, int maxEspeakProcesses) {
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        this.http = HttpClient.newBuilder()
                .executor(executor)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.cache = cache;
        this.espeakProcesses = new Semaphore(maxEspeakProcesses);
    }

    /** From the service settings: the cache's bounds and TTL; espeak-ng at most two processes per core. */
    public static TtsResources fromConfig(EffectiveConfig service) {
        TtsCache cache = new TtsCache(service.intValue(AiSettings.TTS_CACHE_MAX_BYTES),
                service.intValue(AiSettings.TTS_CACHE_MAX_ENTRIES),
                Duration.ofSeconds(service.intValue(AiSettings.TTS_CACHE_TTL_SEC)));
        return new TtsResources(cache, 2 * Runtime.getRuntime().availableProcessors());
    }

    public HttpClient http() {
        return http;
    }

    public TtsCache cache() {
        return cache;
    }

    public TtsCounters counters() {
        return counters;
    }

    Semaphore espeakProcesses() {
        return espeakProcesses;
    }

    @Override
    public void close() {
        http.shutdownNow();
        executor.shutdownNow();
        try {
            http.awaitTermination(Duration.ofSeconds(5));
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
