package org.audiostream.stream.ai;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.audiostream.config.AiSettings;
import org.audiostream.config.ConfigProblem;
import org.audiostream.config.ConfigSource;
import org.audiostream.config.CrossChecks;
import org.audiostream.config.EffectiveConfig;
import org.audiostream.config.Secret;
import org.audiostream.config.StreamSettings;
import org.audiostream.media.G711Law;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * One AI session's settings, read once from the call's {@code AUDIO_STREAM_AI_*} variables. Threads: immutable.
 *
 * @param temperatureConfigured whether {@code AUDIO_STREAM_AI_TEMPERATURE} was set rather than defaulted
 *     (GA has no temperature: it is then sent only with {@code betaCompat}, otherwise warned about once)
 * @param tools the {@code AUDIO_STREAM_AI_TOOLS} array, empty when none
 * @param localBargeIn the optional local barge-in detector's settings
 */
public record AiOptions(
        String url,
        Secret apiKey,
        String model,
        String instructions,
        String voice,
        RealtimeFormat format,
        boolean audioOutput,
        String turnDetection,
        double vadThreshold,
        int vadPrefixPaddingMs,
        int vadSilenceDurationMs,
        String vadEagerness,
        boolean bargeIn,
        LocalBargeIn localBargeIn,
        String transcriptionModel,
        String transcriptionLanguage,
        String noiseReduction,
        int maxOutputTokens,
        double temperature,
        boolean temperatureConfigured,
        boolean betaCompat,
        ArrayNode tools,
        int appendMs,
        int playoutPrebufferMs,
        int catchUpMs,
        int reconnectMax,
        Duration connectTimeout,
        Duration recycleAfter,
        Duration watchdog,
        boolean debug) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Reads the options of a call whose leg speaks {@code callLaw}.
     *
     * @throws IllegalArgumentException with a message naming the variable when a value cannot be used (the API key
     *     is missing, the tools are not a JSON array of function objects)
     */
    public static AiOptions from(EffectiveConfig config, Optional<G711Law> callLaw) {
        List<ConfigProblem> missing = CrossChecks.requireAiSecrets(config);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(missing.get(0).message());
        }
        Secret key = config.secret(AiSettings.OPENAI_API_KEY).orElseThrow();
        String transcription = config.text(AiSettings.TRANSCRIPTION_MODEL).strip();
        int appendMs = Math.max(20, config.intValue(AiSettings.APPEND_MS) / 20 * 20);
        return new AiOptions(
                config.text(AiSettings.OPENAI_URL),
                key,
                config.text(AiSettings.OPENAI_MODEL),
                config.text(AiSettings.SYSTEM_PROMPT),
                config.text(AiSettings.VOICE),
                RealtimeFormat.choose(config.text(AiSettings.AUDIO_FORMAT), callLaw),
                config.text(AiSettings.TTS_PROVIDER).equals("realtime"),
                config.text(AiSettings.TURN_DETECTION),
                config.decimal(AiSettings.VAD_THRESHOLD),
                config.intValue(AiSettings.VAD_PREFIX_PADDING_MS),
                config.intValue(AiSettings.VAD_SILENCE_DURATION_MS),
                config.text(AiSettings.VAD_EAGERNESS),
                config.flag(AiSettings.ENABLE_BARGE_IN),
                new LocalBargeIn(config.flag(AiSettings.ENABLE_BARGE_IN) && config.flag(AiSettings.LOCAL_BARGE_IN),
                        config.decimal(AiSettings.LOCAL_BARGE_IN_DBFS), config.intValue(AiSettings.LOCAL_BARGE_IN_MIN_MS),
                        Duration.ofMillis(config.intValue(AiSettings.LOCAL_BARGE_IN_CONFIRM_MS))),
                transcription.isEmpty() || transcription.equalsIgnoreCase("none") ? null : transcription,
                config.text(AiSettings.TRANSCRIPTION_LANGUAGE).strip(),
                config.text(AiSettings.NOISE_REDUCTION),
                config.intValue(AiSettings.MAX_RESPONSE_TOKENS),
                config.decimal(AiSettings.TEMPERATURE),
                config.resolved(AiSettings.TEMPERATURE).source() != ConfigSource.DEFAULT,
                config.flag(AiSettings.BETA_COMPAT),
                tools(config.text(AiSettings.TOOLS)),
                appendMs,
                config.intValue(AiSettings.PLAYOUT_PREBUFFER_MS),
                config.intValue(AiSettings.CATCHUP_MS),
                config.intValue(AiSettings.RECONNECT_MAX),
                Duration.ofMillis(config.intValue(StreamSettings.CONNECT_TIMEOUT_MS)),
                Duration.ofSeconds(config.intValue(AiSettings.RECYCLE_AFTER_SEC)),
                Duration.ofMillis(config.intValue(AiSettings.WATCHDOG_MS)),
                config.flag(AiSettings.DEBUG));
    }

    /**
     * The local barge-in detector ({@code AUDIO_STREAM_AI_LOCAL_BARGE_IN*}); never enabled without barge-in.
     *
     * @param thresholdDbfs level of a loud frame
     * @param minSpeechMs   speech needed before the agent is silenced
     * @param confirm       how long a local barge-in waits for the server's {@code speech_started}
     */
    public record LocalBargeIn(boolean enabled, double thresholdDbfs, int minSpeechMs, Duration confirm) {
    }

    /** Whether the server will create responses and cancel them on speech by itself. */
    public boolean serverTurns() {
        return !turnDetection.equals("none");
    }

    private static ArrayNode tools(String text) {
        if (text.isBlank()) {
            return JSON.createArrayNode();
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(AiSettings.TOOLS.name() + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ArrayNode array)) {
            throw new IllegalArgumentException(AiSettings.TOOLS.name() + " must be a JSON array of function tools");
        }
        for (JsonNode tool : array) {
            if (!tool.isObject() || !"function".equals(tool.path("type").asString(""))
                    || tool.path("name").asString("").isBlank()) {
                throw new IllegalArgumentException(AiSettings.TOOLS.name()
                        + " entries must be objects with \"type\":\"function\" and a \"name\", got " + tool);
            }
        }
        return array;
    }
}
