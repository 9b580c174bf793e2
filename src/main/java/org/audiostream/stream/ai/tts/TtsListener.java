package org.audiostream.stream.ai.tts;

/**
 * Receives one synthesis as it streams. Exactly one of {@link #onComplete} and {@link #onFailure} ends it, unless
 * it was cancelled. Threads: called by the engine's own thread (an HTTP reader, a WebSocket listener, a process
 * reader), one call at a time and in order; {@code data} is not used by the engine after the call returns.
 */
public interface TtsListener {

    /** Audio in the engine's {@link TtsEngine#format()}, as it arrives. */
    void onAudio(byte[] data, int off, int len);

    void onComplete();

    void onFailure(TtsFailure failure);
}
