package org.audiostream.session;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The {@code ai} block of a session's health (seed §2.1, same field names in snake_case) plus the engine's
 * conversation state, whether its watchdog has fired, and the sentence-TTS block in the TTS style.
 * Threads: immutable snapshot.
 *
 * @param ringBufferMs caller audio waiting for the Realtime session (the catch-up ring)
 * @param ttsQueueDepth sentences waiting for synthesis (0 when the model speaks itself)
 * @param localBargeInCount times the local detector silenced the agent before the server reported speech
 * @param localBargeInUnconfirmed of those, the ones the server never confirmed (the agent resumed)
 * @param ttsCacheHitPct TTS cache hits in percent of lookups (0 when nothing was looked up)
 * @param tts the sentence-TTS details, null when the model speaks itself
 */
public record AiHealth(boolean openaiConnected, int ttsQueueDepth, double ringBufferMs, long bargeInCount,
                       long localBargeInCount, long localBargeInUnconfirmed, int reconnectAttempts, double ttsCacheHitPct, String state, boolean watchdogStalled,
                       @JsonInclude(JsonInclude.Include.NON_NULL) TtsHealth tts) {

    /** Seed §2.1: an AI session whose engine is disconnected (or stalled, or failed) is UNHEALTHY. */
    boolean unhealthy() {
        return !openaiConnected || watchdogStalled || state.equals("FAILED");
    }

    /** Speaking through a fallback TTS provider, or with TTS disabled. */
    boolean degraded() {
        return tts != null && tts.degraded();
    }
}
