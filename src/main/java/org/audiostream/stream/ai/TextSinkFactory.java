package org.audiostream.stream.ai;

import org.audiostream.config.EffectiveConfig;
import org.audiostream.event.EventBus;
import org.audiostream.session.MediaSession;

/**
 * Makes the sentence-TTS sink of a session that runs the model in text (the TTS style). Threads: any thread.
 */
public interface TextSinkFactory {

    /** For a build or a test without sentence TTS: refuses every TTS provider. */
    TextSinkFactory NONE = (session, config, events) -> {
        throw new IllegalArgumentException("AUDIO_STREAM_AI_TTS_PROVIDER: sentence TTS is not available here; "
                + "use realtime (the model's own voice)");
    };

    /**
     * @throws IllegalArgumentException naming the variable when the call's TTS settings cannot be used
     */
    TextSink create(MediaSession session, EffectiveConfig config, EventBus events);
}
