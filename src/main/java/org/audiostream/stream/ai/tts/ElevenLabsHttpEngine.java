package org.audiostream.stream.ai.tts;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * ElevenLabs streaming TTS over HTTP: {@code POST <base>/v1/text-to-speech/<voice>/stream?output_format=<fmt>}
 * with {@code xi-api-key}; the body is raw audio in the call's own format ({@code ulaw_8000}, {@code alaw_8000},
 * {@code pcm_16000}…), handed over chunk by chunk as it arrives. Threads: see {@link TtsEngine}.
 */
final class ElevenLabsHttpEngine implements TtsEngine {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final TtsOptions.ElevenLabs options;
    private final TtsFormat format;
    private final URI uri;
    private final Duration headersTimeout;

    ElevenLabsHttpEngine(HttpClient client, TtsOptions.ElevenLabs options, TtsFormat format, Duration headersTimeout) {
        this.client = client;
        this.options = options;
        this.format = format;
        this.headersTimeout = headersTimeout;
        this.uri = URI.create(stripSlash(options.baseUrl()) + "/v1/text-to-speech/"
                + URLEncoder.encode(options.voiceId(), StandardCharsets.UTF_8) + "/stream?output_format=" + format.wireName());
    }

    @Override
    public TtsProvider provider() {
        return TtsProvider.ELEVENLABS;
    }

    @Override
    public TtsFormat format() {
        return format;
    }

    @Override
    public String voiceKey() {
        return options.voiceKey();
    }

    @Override
    public Synthesis synthesize(String text, TtsListener listener) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(headersTimeout)
                .header("xi-api-key", options.apiKey().reveal())
                .header("Content-Type", "application/json")
                .header("Accept", "audio/*")
                .POST(HttpRequest.BodyPublishers.ofString(body(text, options), StandardCharsets.UTF_8))
                .build();
        return HttpAudioRequest.start(client, request, HttpAudioRequest::readRaw, listener);
    }

    /** The request body: the text, the model and the voice settings (ElevenLabs' wire names). */
    static String body(String text, TtsOptions.ElevenLabs o) {
        ObjectNode body = JSON.createObjectNode();
        body.put("text", text);
        body.put("model_id", o.modelId());
        ObjectNode settings = body.putObject("voice_settings");
        settings.put("stability", o.stability());
        settings.put("similarity_boost", o.similarityBoost());
        settings.put("style", 0.0);
        settings.put("use_speaker_boost", true);
        return JSON.writeValueAsString(body);
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
