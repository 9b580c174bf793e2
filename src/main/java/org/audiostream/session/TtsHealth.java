package org.audiostream.session;

import java.util.Map;

/**
 * The sentence-TTS block of an AI session's health. Threads: immutable snapshot.
 *
 * @param provider the provider speaking now, or {@code none} once TTS is disabled for the session
 * @param breaker {@code closed} on the first provider of the chain, {@code fallback} on a later one,
 *     {@code disabled} after 5 failures in a row (seed §4.2)
 * @param consecutiveFailures each provider's failures in a row
 * @param queueDepth sentences waiting for synthesis
 * @param cacheHitPct this session's cache hits in percent of lookups (0 before the first)
 * @param sentences sentences spoken (synthesised or from the cache)
 * @param failures sentences that failed (network, provider error, watchdog)
 */
public record TtsHealth(String provider, String breaker, Map<String, Integer> consecutiveFailures, int queueDepth,
                        double cacheHitPct, long sentences, long failures) {

    public TtsHealth {
        consecutiveFailures = Map.copyOf(consecutiveFailures);
    }

    /** Speaking with a fallback provider or not at all: the caller hears a different voice or none. */
    boolean degraded() {
        return !breaker.equals("closed");
    }
}
