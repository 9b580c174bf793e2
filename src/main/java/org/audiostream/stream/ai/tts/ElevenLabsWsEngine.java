package org.audiostream.stream.ai.tts;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * ElevenLabs input streaming ({@code wss://…/v1/text-to-speech/<voice>/stream-input}), one connection per
 * sentence: the opening message (a single space and the voice settings), the sentence with {@code flush: true}
 * so generation starts at once instead of waiting for 120 characters, then the closing empty text. Audio comes
 * back as base64 {@code audio} fields until {@code isFinal}. Threads: see {@link TtsEngine}; the JDK WebSocket's
 * threads call the listener.
 */
final class ElevenLabsWsEngine implements TtsEngine {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_MESSAGE_CHARS = 4 << 20;

    private final HttpClient client;
    private final TtsOptions.ElevenLabs options;
    private final TtsFormat format;
    private final URI uri;
    private final Duration connectTimeout;

    ElevenLabsWsEngine(HttpClient client, TtsOptions.ElevenLabs options, TtsFormat format, Duration connectTimeout) {
        this.client = client;
        this.options = options;
        this.format = format;
        this.connectTimeout = connectTimeout;
        String base = ElevenLabsHttpEngine.stripSlash(options.baseUrl()).replaceFirst("^http", "ws");
        this.uri = URI.create(base + "/v1/text-to-speech/" + URLEncoder.encode(options.voiceId(), StandardCharsets.UTF_8)
                + "/stream-input?model_id=" + URLEncoder.encode(options.modelId(), StandardCharsets.UTF_8)
                + "&output_format=" + format.wireName());
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
        Stream stream = new Stream(listener);
        CompletableFuture<WebSocket> opening = client.newWebSocketBuilder()
                .header("xi-api-key", options.apiKey().reveal())
                .connectTimeout(connectTimeout)
                .buildAsync(uri, stream);
        opening.whenComplete((ws, error) -> {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                if (cause instanceof WebSocketHandshakeException h) {
                    int status = h.getResponse().statusCode();
                    Object body = h.getResponse().body();
                    stream.finish(body instanceof String s && !s.isEmpty() ? TtsErrorBodies.failure(status, s)
                            : new TtsFailure("http_" + status, status, "the stream-input handshake was refused"));
                } else {
                    stream.finish(TtsFailure.of("connect_failed", "cannot connect to ElevenLabs: " + cause.getMessage()));
                }
                return;
            }
            stream.socket = ws;
            if (stream.done.get()) {
                ws.abort();
                return;
            }
            ws.sendText(beginning(), true)
                    .thenCompose(w -> w.sendText(sentence(text), true))
                    .thenCompose(w -> w.sendText("{\"text\":\"\"}", true));
        });
        return stream::cancel;
    }

    private String beginning() {
        ObjectNode bos = JSON.createObjectNode().put("text", " ");
        bos.putObject("voice_settings").put("stability", options.stability())
                .put("similarity_boost", options.similarityBoost()).put("style", 0.0).put("use_speaker_boost", true);
        return bos.toString();
    }

    private static String sentence(String text) {
        return JSON.createObjectNode().put("text", text.endsWith(" ") ? text : text + " ")
                .put("try_trigger_generation", false).put("flush", true).toString();
    }

    /** One sentence's connection. */
    private static final class Stream implements WebSocket.Listener {
        private final TtsListener listener;
        private final StringBuilder text = new StringBuilder();
        final AtomicBoolean done = new AtomicBoolean();
        volatile WebSocket socket;

        Stream(TtsListener listener) {
            this.listener = listener;
        }

        void cancel() {
            done.set(true);
            WebSocket ws = socket;
            if (ws != null) {
                ws.abort();
            }
        }

        /** Ends the stream once: null for success. */
        void finish(TtsFailure failure) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            WebSocket ws = socket;
            if (ws != null) {
                ws.abort();
            }
            if (failure == null) {
                listener.onComplete();
            } else {
                listener.onFailure(failure);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (text.length() + data.length() > MAX_MESSAGE_CHARS) {
                finish(TtsFailure.of("stream_cut", "an ElevenLabs message over " + MAX_MESSAGE_CHARS + " characters"));
                return null;
            }
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                onMessage(message);
            }
            ws.request(1);
            return null;
        }

        private void onMessage(String message) {
            JsonNode msg;
            try {
                msg = JSON.readTree(message);
            } catch (JacksonException e) {
                finish(TtsFailure.of("stream_cut", "an ElevenLabs message that is not JSON"));
                return;
            }
            if (done.get()) {
                return;
            }
            String audio = msg.path("audio").isString() ? msg.path("audio").asString() : "";
            if (!audio.isEmpty()) {
                byte[] bytes = Base64.getDecoder().decode(audio);
                listener.onAudio(bytes, 0, bytes.length);
            }
            if (msg.path("isFinal").asBoolean(false)) {
                finish(null);
            } else if (msg.has("error") || msg.path("detail").isObject()) {
                finish(TtsErrorBodies.failure(0, message));
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            finish(TtsFailure.of("ws_close_" + statusCode, "ElevenLabs closed the stream before isFinal: "
                    + TtsErrorBodies.truncate(reason)));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            finish(TtsFailure.of("stream_cut", "the ElevenLabs stream failed: " + error.getMessage()));
        }
    }
}
