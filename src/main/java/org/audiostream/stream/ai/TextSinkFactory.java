package org.audiostream.stream.ai;

import org.audiostream.config.EffectiveConfig;
import org.audiostream.session.MediaSession;

/**
 * Makes the sentence-TTS sink of a session that runs the model in text (the TTS style). Threads: any thread.
 */
public interface TextSinkFactory {

    /**
     * @throws IllegalArgumentException naming the variable when the call's TTS settings cannot be used
     */
    TextSink create(MediaSession session, EffectiveConfig config);
}
