package org.audiostream.stream.ai;

import io.netty.channel.EventLoop;
import org.audiostream.session.TtsHealth;

/**
 * Where the model's text goes when it answers in text ({@code AUDIO_STREAM_AI_TTS_PROVIDER} other than
 * {@code realtime}): the sentence-TTS pipeline speaks it. Threads: {@link #attach} before the engine starts;
 * {@link #health} from any thread; everything else on the engine's event loop only.
 */
public interface TextSink {

    /** What the engine offers its sink: its event loop (the inject buffer's producer thread) and its state. */
    interface Host {

        /** The engine's event loop: the sink writes the inject buffer and keeps its state on it, nowhere else. */
        EventLoop loop();

        /**
         * Audio of {@code responseId} is about to go into the inject buffer (the agent is speaking); its first byte
         * reached the gateway at {@code arrivalNanos} ({@link System#nanoTime}), the start of the first-audio delay.
         */
        void speaking(String responseId, long arrivalNanos);

        /**
         * A provider's first audio of a sentence, whose first byte reached the gateway at {@code arrivalNanos}, is
         * now in the inject buffer: the gateway's own processing of it, without the wait for the media clock.
         */
        void queued(long arrivalNanos);

        /**
         * Everything of {@code responseId} is in the inject buffer (or failed); called only when {@link #busy} was
         * true as the response ended.
         */
        void finished(String responseId);

        /** An {@code ai_state} event in the current state, with {@code details} as name/value pairs. */
        void event(String event, Object... details);
    }

    /** Called once by the engine before it starts. */
    default void attach(Host host) {
    }

    /** A piece of the answer of {@code responseId}, in order. */
    void onTextDelta(String responseId, String delta);

    /** The answer of {@code responseId} is complete (flush what is left). */
    void onResponseDone(String responseId);

    /** The caller interrupted (or the response was cancelled): drop everything pending or playing. */
    void onInterrupted(String responseId);

    /** Whether anything is still to be synthesised or moved into the inject buffer. */
    default boolean busy() {
        return false;
    }

    /** The TTS block of the session's health, or null when nothing is synthesised. Any thread. */
    default TtsHealth health() {
        return null;
    }

    /** The session ends. */
    void close();
}
