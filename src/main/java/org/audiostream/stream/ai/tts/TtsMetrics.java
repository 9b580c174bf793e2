package org.audiostream.stream.ai.tts;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * The sentence-TTS meters: sentences, cache hits and misses, the shared cache's size, requests and failures per
 * provider, breaker transitions, watchdog aborts, first-audio time and the DSP chain's cost (seconds over frames
 * gives the cost per 20 ms frame). Threads: registration once; the meters read atomics and the cache.
 */
public final class TtsMetrics implements MeterBinder {

    private final TtsCounters counters;
    private final TtsCache cache;

    public TtsMetrics(TtsResources resources) {
        this.counters = resources.counters();
        this.cache = resources.cache();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "audiostream_ai_tts_sentences", TtsCounters::sentences, "Sentences spoken (synthesised or cached)");
        counter(registry, "audiostream_ai_tts_cache_hits", TtsCounters::cacheHits, "Sentences played from the TTS cache");
        counter(registry, "audiostream_ai_tts_cache_misses", TtsCounters::cacheMisses, "Sentences not in the TTS cache");
        Gauge.builder("audiostream_ai_tts_cache_entries", cache, TtsCache::entries)
                .description("Sentences in the shared TTS cache").register(registry);
        Gauge.builder("audiostream_ai_tts_cache_bytes", cache, TtsCache::weightedBytes)
                .description("Audio held by the shared TTS cache").baseUnit("bytes").register(registry);
        Gauge.builder("audiostream_ai_tts_cache_hit_ratio", counters, c -> {
            long lookups = c.cacheHits() + c.cacheMisses();
            return lookups == 0 ? 0 : (double) c.cacheHits() / lookups;
        }).description("Cache hits over lookups since start").register(registry);
        for (TtsProvider p : TtsProvider.values()) {
            FunctionCounter.builder("audiostream_ai_tts_requests", counters, c -> c.requestsOf(p))
                    .tag("provider", p.label()).description("TTS requests sent").register(registry);
            FunctionCounter.builder("audiostream_ai_tts_failures", counters, c -> c.failuresOf(p))
                    .tag("provider", p.label()).description("TTS requests that failed (including the watchdog's)")
                    .register(registry);
        }
        counter(registry, "audiostream_ai_tts_fallbacks", TtsCounters::fallbacks, "Sessions moved to a fallback TTS provider");
        counter(registry, "audiostream_ai_tts_recoveries", TtsCounters::recoveries, "Sessions back on an earlier TTS provider");
        counter(registry, "audiostream_ai_tts_disabled", TtsCounters::disabled, "Sessions whose TTS was disabled");
        counter(registry, "audiostream_ai_tts_watchdog_aborts", TtsCounters::watchdogAborts, "TTS requests aborted by the watchdog");
        counter(registry, "audiostream_ai_tts_cancelled", TtsCounters::cancelled, "TTS requests cancelled (barge-in, end of the session)");
        counter(registry, "audiostream_ai_tts_apologies", TtsCounters::apologies, "Cached apologies played after a failure");
        counter(registry, "audiostream_ai_tts_first_audio_seconds", c -> c.firstAudioNanos() / 1e9,
                "Request-to-first-audio time, summed (over audiostream_ai_tts_first_audio_total)");
        counter(registry, "audiostream_ai_tts_first_audio", TtsCounters::firstAudioCount, "Requests that produced audio");
        counter(registry, "audiostream_ai_tts_dsp_seconds", c -> c.dspNanos() / 1e9, "Time the DSP chain took on TTS audio");
        counter(registry, "audiostream_ai_tts_dsp_frames", TtsCounters::dspFrames, "20 ms frames of TTS audio through the DSP chain");
    }

    private void counter(MeterRegistry registry, String name, ToDoubleFunction<TtsCounters> value, String description) {
        FunctionCounter.builder(name, counters, value).description(description).register(registry);
    }
}
