package org.audiostream.stream.ai.tts;

/**
 * One speech provider configured for one session (voice, model, the call's format). Threads: {@link #synthesize}
 * from the session's event loop; it never blocks (the work runs on the engine's own threads).
 */
public interface TtsEngine {

    TtsProvider provider();

    /** The format of the audio handed to the listener. */
    TtsFormat format();

    /** What besides the text decides the audio (voice, model, settings): part of the cache key. */
    String voiceKey();

    /** Starts speaking {@code text}; the result streams to {@code listener}. */
    Synthesis synthesize(String text, TtsListener listener);

    /** The session's pipeline starts: an engine that keeps a connection opens it now, so no sentence waits for it. */
    default void open() {
    }

    /** The session ends: connections this engine keeps are closed. */
    default void close() {
    }
}
