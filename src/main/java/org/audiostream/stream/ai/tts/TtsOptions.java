package org.audiostream.stream.ai.tts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.audiostream.config.AiSettings;
import org.audiostream.config.EffectiveConfig;
import org.audiostream.config.Secret;
import org.audiostream.media.G711Law;
import org.audiostream.media.dsp.Compressor;
import org.audiostream.media.dsp.DspSettings;
import org.audiostream.media.dsp.HighShelfFilter;
import org.audiostream.media.dsp.LowPassFilter;
import org.audiostream.media.dsp.NoiseGate;

/**
 * One session's sentence-TTS settings, read once from the call's {@code AUDIO_STREAM_AI_*} variables.
 * Threads: immutable.
 *
 * @param chain the provider first, then the fallbacks in order (no provider twice)
 * @param format what every provider is asked for (the call's own format where the provider offers it)
 * @param dsp the playback chain's settings at the call's rate; every stage disabled when the DSP is off
 * @param apology spoken from the cache when a sentence fails; empty for silence
 */
public record TtsOptions(List<TtsProvider> chain, TtsFormat format, int codecRate, Duration watchdog,
                         Duration retryAfter, String apology, boolean cacheEnabled, DspSettings dsp,
                         ElevenLabs elevenLabs, OpenAiSpeech openAi, RealtimeTts realtime, Espeak espeak) {

    /** @param websocket multi-stream-input (one connection per session, text streamed) instead of a POST per sentence */
    public record ElevenLabs(String baseUrl, Secret apiKey, String voiceId, String modelId, double stability,
                             double similarityBoost, boolean websocket) {

        /** What makes the voice sound as it does: the cache key's voice part, the same over HTTP and WebSocket. */
        public String voiceKey() {
            return voiceId + "/" + modelId + "/" + stability + "/" + similarityBoost;
        }
    }

    public record OpenAiSpeech(String url, Secret apiKey, String model, String voice, boolean sse) {}

    public record RealtimeTts(String url, Secret apiKey, String model, String voice) {}

    public record Espeak(String command, String voice) {}

    public TtsOptions {
        chain = List.copyOf(chain);
    }

    /** These options with ElevenLabs over HTTP, which keeps no connection open: the same audio and cache key. */
    TtsOptions withElevenLabsOverHttp() {
        ElevenLabs e = elevenLabs;
        return new TtsOptions(chain, format, codecRate, watchdog, retryAfter, apology, cacheEnabled, dsp,
                new ElevenLabs(e.baseUrl(), e.apiKey(), e.voiceId(), e.modelId(), e.stability(), e.similarityBoost(), false),
                openAi, realtime, espeak);
    }

    /**
     * Reads the options of a call of {@code codecRate} (and {@code law} if G.711).
     *
     * @throws IllegalArgumentException naming the variable when a provider of the chain is unknown or lacks its key
     */
    public static TtsOptions from(EffectiveConfig config, int codecRate, Optional<G711Law> law) {
        List<TtsProvider> chain = new ArrayList<>();
        chain.add(TtsProvider.parse(config.text(AiSettings.TTS_PROVIDER)));
        for (String name : config.text(AiSettings.TTS_FALLBACK).split(",")) {
            if (name.isBlank()) {
                continue;
            }
            TtsProvider p;
            try {
                p = TtsProvider.parse(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(AiSettings.TTS_FALLBACK.name() + ": " + e.getMessage());
            }
            if (!chain.contains(p)) {
                chain.add(p);
            }
        }
        Secret openAiKey = config.secret(AiSettings.OPENAI_API_KEY).orElse(null);
        Secret elevenLabsKey = config.secret(AiSettings.ELEVENLABS_API_KEY).orElse(null);
        for (TtsProvider p : chain) {
            if (p == TtsProvider.ELEVENLABS && elevenLabsKey == null) {
                throw new IllegalArgumentException("TTS provider elevenlabs requires "
                        + AiSettings.ELEVENLABS_API_KEY.name() + ", which is not set");
            }
            if ((p == TtsProvider.OPENAI || p == TtsProvider.REALTIME_TTS) && openAiKey == null) {
                throw new IllegalArgumentException("TTS provider " + p.label() + " requires "
                        + AiSettings.OPENAI_API_KEY.name() + ", which is not set");
            }
        }
        return new TtsOptions(chain, TtsFormat.forCall(codecRate, law), codecRate,
                Duration.ofMillis(config.intValue(AiSettings.TTS_WATCHDOG_MS)),
                Duration.ofMillis(config.intValue(AiSettings.TTS_RETRY_AFTER_MS)),
                config.text(AiSettings.TTS_APOLOGY).strip(),
                config.flag(AiSettings.ENABLE_TTS_CACHE),
                dsp(config, codecRate),
                new ElevenLabs(config.text(AiSettings.ELEVENLABS_URL), elevenLabsKey,
                        config.text(AiSettings.ELEVENLABS_VOICE_ID), config.text(AiSettings.ELEVENLABS_MODEL_ID),
                        config.decimal(AiSettings.ELEVENLABS_STABILITY), config.decimal(AiSettings.ELEVENLABS_SIMILARITY_BOOST),
                        config.text(AiSettings.ELEVENLABS_TRANSPORT).equals("websocket")),
                new OpenAiSpeech(config.text(AiSettings.OPENAI_TTS_URL), openAiKey,
                        config.text(AiSettings.OPENAI_TTS_MODEL), config.text(AiSettings.OPENAI_TTS_VOICE),
                        config.text(AiSettings.OPENAI_TTS_STREAM_FORMAT).equals("sse")),
                new RealtimeTts(config.text(AiSettings.OPENAI_URL), openAiKey, config.text(AiSettings.REALTIME_TTS_MODEL),
                        config.text(AiSettings.VOICE)),
                new Espeak(config.text(AiSettings.ESPEAK_COMMAND), config.text(AiSettings.ESPEAK_VOICE)));
    }

    /** The playback DSP per {@code AUDIO_STREAM_AI_*} (the LPF cutoff was already held below Nyquist). */
    static DspSettings dsp(EffectiveConfig config, int codecRate) {
        DspSettings d = DspSettings.defaults(codecRate);
        d = d.withNoiseGate(new NoiseGate.Settings(true, config.decimal(AiSettings.NOISE_GATE_DB),
                        NoiseGate.Settings.DEFAULT.attackMs(), NoiseGate.Settings.DEFAULT.releaseMs()))
                .withCompressor(new Compressor.Settings(true, config.decimal(AiSettings.COMPRESSOR_THRESHOLD_DB),
                        config.decimal(AiSettings.COMPRESSOR_RATIO), Compressor.Settings.DEFAULT.attackMs(),
                        Compressor.Settings.DEFAULT.releaseMs(), config.decimal(AiSettings.COMPRESSOR_MAKEUP_DB),
                        Compressor.Settings.DEFAULT.kneeDb()))
                .withHighShelf(HighShelfFilter.Settings.DEFAULT.withGainDb(config.decimal(AiSettings.HIGH_SHELF_GAIN_DB)))
                .withLowPass(LowPassFilter.Settings.DEFAULT.withCutoffHz(
                        Math.min(config.decimal(AiSettings.LPF_CUTOFF_HZ), codecRate * 0.45)));
        return d.withAllEnabled(config.flag(AiSettings.DSP_ENABLED));
    }
}
