package org.audiostream.stream.ai.tts;

import org.audiostream.config.EffectiveConfig;
import org.audiostream.session.MediaSession;
import org.audiostream.stream.ai.TextSink;
import org.audiostream.stream.ai.TextSinkFactory;

/**
 * Makes each TTS-style session's {@link TtsPipeline} with the process's shared {@link TtsResources}.
 * Threads: any thread.
 */
public final class TtsSinks implements TextSinkFactory {

    private final TtsResources resources;

    public TtsSinks(TtsResources resources) {
        this.resources = resources;
    }

    @Override
    public TextSink create(MediaSession session, EffectiveConfig config) {
        int codecRate = session.leg().sampleRate();
        TtsOptions options = TtsOptions.from(config, codecRate, session.leg().g711Law());
        return new TtsPipeline(session.uuid(), session.injectBuffer(), options, resources);
    }
}
