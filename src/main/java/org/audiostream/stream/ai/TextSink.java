package org.audiostream.stream.ai;

/**
 * Where the model's text goes when it answers in text ({@code AUDIO_STREAM_AI_TTS_PROVIDER} other than
 * {@code realtime}): the sentence-TTS pipeline speaks it. Threads: called on the engine's event loop only.
 */
public interface TextSink {

    /** A piece of the answer of {@code responseId}, in order. */
    void onTextDelta(String responseId, String delta);

    /** The answer of {@code responseId} is complete (flush what is left). */
    void onResponseDone(String responseId);

    /** The caller interrupted: drop what is pending or playing for {@code responseId}. */
    void onInterrupted(String responseId);

    /** The session ends. */
    void close();
}
