package org.audiostream.stream.ai.tts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.audiostream.config.AiSettings;
import org.audiostream.config.EffectiveConfig;
import org.audiostream.media.G711Law;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;

/**
 * At start-up, when the service's own settings choose the TTS style: the apology and the
 * {@code AUDIO_STREAM_AI_TTS_PREWARM} phrases are synthesised into the shared cache with the first and the last
 * provider of the chain, in μ-law (the format of most calls), so that the first calls find them. Nothing keeps a
 * connection open: ElevenLabs is asked over HTTP whatever the transport (the same audio), and {@code realtime_tts}
 * is left out. Threads: the caller's; the requests run on the engines' own threads.
 */
public final class TtsStartupPrewarm {

    private static final Log LOG = Log.of(Component.TTS);

    private TtsStartupPrewarm() {}

    /** Starts the requests (one at a time per provider) and returns how many there are (0 when the service does not use the TTS style). */
    public static int start(EffectiveConfig service, TtsResources resources, ScheduledExecutorService timer) {
        if (service.text(AiSettings.TTS_PROVIDER).equals("realtime") || !service.flag(AiSettings.ENABLE_TTS_CACHE)) {
            return 0;
        }
        TtsOptions options;
        try {
            options = TtsOptions.from(service, G711Law.SAMPLE_RATE, Optional.of(G711Law.PCMU)).withElevenLabsOverHttp();
        } catch (IllegalArgumentException e) {
            LOG.warn(null, "tts_prewarm", "skipped", "reason", e.getMessage());
            return 0;
        }
        List<String> phrases = new ArrayList<>();
        if (!options.apology().isEmpty()) {
            phrases.add(options.apology());
        }
        for (String p : service.text(AiSettings.TTS_PREWARM).split("\\|")) {
            if (!p.isBlank()) {
                phrases.add(p.strip());
            }
        }
        int started = 0;
        for (TtsProvider p : new LinkedHashSet<>(List.of(options.chain().getFirst(), options.chain().getLast()))) {
            if (p == TtsProvider.REALTIME_TTS) {
                continue;
            }
            TtsPrewarm.into(resources.cache(), TtsEngines.create(null, p, options, resources), phrases, null, timer,
                    options.watchdog());
            started += phrases.size();
        }
        LOG.info(null, "tts_prewarm", "started", "requests", started, "phrases", phrases.size());
        return started;
    }
}
