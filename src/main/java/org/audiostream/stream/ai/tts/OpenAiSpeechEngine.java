package org.audiostream.stream.ai.tts;

import java.io.BufferedInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI {@code POST /v1/audio/speech} with {@code response_format: "pcm"} (24 kHz 16-bit mono, headerless),
 * streamed raw ({@code stream_format: "audio"}) or as server-sent events ({@code "sse"}). OpenAI shuts every
 * TTS model down on 2027-01-06: the first use in a process logs a WARN naming the date and the way on
 * ({@code realtime_tts}). Threads: see {@link TtsEngine}.
 */
final class OpenAiSpeechEngine implements TtsEngine {

    static final String SHUTDOWN_DATE = "2027-01-06";
    private static final Log LOG = Log.of(Component.TTS);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private final HttpClient client;
    private final TtsOptions.OpenAiSpeech options;
    private final URI uri;
    private final Duration headersTimeout;

    OpenAiSpeechEngine(HttpClient client, TtsOptions.OpenAiSpeech options, Duration headersTimeout) {
        this.client = client;
        this.options = options;
        this.uri = URI.create(options.url());
        this.headersTimeout = headersTimeout;
    }

    /** Logs the shutdown WARN once per process. */
    static void warnShutdownOnce(String uuid) {
        if (WARNED.compareAndSet(false, true)) {
            LOG.warn(uuid, "openai_tts", "deprecated", "shutdown", SHUTDOWN_DATE, "reason",
                    "OpenAI shuts down every /v1/audio/speech model on " + SHUTDOWN_DATE,
                    "hint", "AUDIO_STREAM_AI_TTS_PROVIDER=realtime_tts speaks through the Realtime API instead");
        }
    }

    @Override
    public TtsProvider provider() {
        return TtsProvider.OPENAI;
    }

    @Override
    public TtsFormat format() {
        return TtsFormat.PCM_24000;
    }

    @Override
    public String voiceKey() {
        return options.voice() + "/" + options.model();
    }

    @Override
    public Synthesis synthesize(String text, TtsListener listener) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(headersTimeout)
                .header("Authorization", "Bearer " + options.apiKey().reveal())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(text, options), StandardCharsets.UTF_8))
                .build();
        HttpAudioRequest.BodyReader reader = options.sse()
                ? (in, l) -> SpeechSseReader.read(new BufferedInputStream(in, 16 * 1024), l)
                : HttpAudioRequest::readRaw;
        return HttpAudioRequest.start(client, request, reader, listener);
    }

    static String body(String text, TtsOptions.OpenAiSpeech o) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", o.model());
        body.put("input", text);
        body.put("voice", o.voice());
        body.put("response_format", "pcm");
        body.put("stream_format", o.sse() ? "sse" : "audio");
        return JSON.writeValueAsString(body);
    }
}
