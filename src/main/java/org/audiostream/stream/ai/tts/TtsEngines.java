package org.audiostream.stream.ai.tts;

import java.util.EnumMap;
import java.util.Map;

/**
 * Builds one engine per provider of a session's chain, each asking for the call's own format where the provider
 * offers it. Threads: stateless.
 */
final class TtsEngines {

    private TtsEngines() {}

    static Map<TtsProvider, TtsEngine> forChain(String uuid, TtsOptions o, TtsResources resources) {
        Map<TtsProvider, TtsEngine> engines = new EnumMap<>(TtsProvider.class);
        for (TtsProvider p : o.chain()) {
            engines.put(p, create(uuid, p, o, resources));
        }
        return engines;
    }

    static TtsEngine create(String uuid, TtsProvider p, TtsOptions o, TtsResources resources) {
        return switch (p) {
            case ELEVENLABS -> o.elevenLabs().websocket()
                    ? new ElevenLabsWsEngine(resources.http(), o.elevenLabs(), o.format(), TtsResources.CONNECT_TIMEOUT)
                    : new ElevenLabsHttpEngine(resources.http(), o.elevenLabs(), o.format(), o.watchdog());
            case OPENAI -> {
                OpenAiSpeechEngine.warnShutdownOnce(uuid);
                yield new OpenAiSpeechEngine(resources.http(), o.openAi(), o.watchdog());
            }
            case REALTIME_TTS -> new RealtimeTtsEngine(resources.http(), o.realtime(), o.format(), TtsResources.CONNECT_TIMEOUT);
            case ESPEAK -> new EspeakEngine(o.espeak(), resources.espeakProcesses());
        };
    }
}
