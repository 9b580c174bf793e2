package org.audiostream.stream.ai.tts;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Process-wide sentence-TTS counters, exported by {@link TtsMetrics}. Threads: thread-safe (atomics).
 */
public final class TtsCounters {

    final AtomicLong sentences = new AtomicLong();
    final AtomicLong cacheHits = new AtomicLong();
    final AtomicLong cacheMisses = new AtomicLong();
    final AtomicLong fallbacks = new AtomicLong();
    final AtomicLong recoveries = new AtomicLong();
    final AtomicLong disabled = new AtomicLong();
    final AtomicLong watchdogAborts = new AtomicLong();
    final AtomicLong cancelled = new AtomicLong();
    final AtomicLong apologies = new AtomicLong();
    final AtomicLong dspNanos = new AtomicLong();
    final AtomicLong dspFrames = new AtomicLong();
    final AtomicLong firstAudioNanos = new AtomicLong();
    final AtomicLong firstAudioCount = new AtomicLong();
    private final Map<TtsProvider, AtomicLong> requests = new EnumMap<>(TtsProvider.class);
    private final Map<TtsProvider, AtomicLong> failures = new EnumMap<>(TtsProvider.class);

    public TtsCounters() {
        for (TtsProvider p : TtsProvider.values()) {
            requests.put(p, new AtomicLong());
            failures.put(p, new AtomicLong());
        }
    }

    AtomicLong requests(TtsProvider p) {
        return requests.get(p);
    }

    AtomicLong failures(TtsProvider p) {
        return failures.get(p);
    }

    public long sentences() {
        return sentences.get();
    }

    public long cacheHits() {
        return cacheHits.get();
    }

    public long cacheMisses() {
        return cacheMisses.get();
    }

    public long requestsOf(TtsProvider p) {
        return requests.get(p).get();
    }

    public long failuresOf(TtsProvider p) {
        return failures.get(p).get();
    }

    public long fallbacks() {
        return fallbacks.get();
    }

    public long recoveries() {
        return recoveries.get();
    }

    public long disabled() {
        return disabled.get();
    }

    public long watchdogAborts() {
        return watchdogAborts.get();
    }

    public long cancelled() {
        return cancelled.get();
    }

    public long apologies() {
        return apologies.get();
    }

    /** Total time the DSP chain took on TTS audio, and the 20 ms frames it processed. */
    public long dspNanos() {
        return dspNanos.get();
    }

    public long dspFrames() {
        return dspFrames.get();
    }

    /** Sum and count of request-to-first-audio times over all providers. */
    public long firstAudioNanos() {
        return firstAudioNanos.get();
    }

    public long firstAudioCount() {
        return firstAudioCount.get();
    }
}
