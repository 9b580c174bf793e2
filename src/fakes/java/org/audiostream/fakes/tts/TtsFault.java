package org.audiostream.fakes.tts;

/**
 * How the fake answers one request. Threads: immutable.
 */
public enum TtsFault {
    /** Streams the audio in chunks, faster than real time. */
    NONE,
    /** 401 with the provider's invalid-API-key body. */
    UNAUTHORIZED,
    /** 429 with the provider's rate-limit body (ElevenLabs: too_many_concurrent_requests). */
    RATE_LIMITED,
    /** 500 with the provider's server-error body. */
    SERVER_ERROR,
    /** Accepts the request and never answers (no headers). */
    TIMEOUT,
    /** Sends the headers and the first chunk, then nothing more (a stalled stream: the watchdog's case). */
    STALL,
    /** Streams the audio at half real-time speed in small chunks (still succeeds). */
    SLOW_DRIP,
    /** Sends half of the audio, then closes the connection without ending the chunked body. */
    CUT
}
