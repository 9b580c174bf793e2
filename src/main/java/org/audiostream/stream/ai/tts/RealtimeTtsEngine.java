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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Realtime-as-TTS: the OpenAI path that outlives {@code /v1/audio/speech}. A Realtime session of its own (no
 * caller audio, no turn detection) is opened on the first sentence and kept; each sentence is an out-of-band,
 * audio-only response ({@code response.create} with {@code conversation: "none"}) whose instructions are to read
 * the given text aloud exactly, in the call's own format ({@code audio/pcmu}, {@code audio/pcma}, else 24 kHz
 * PCM). Cancelling a sentence aborts the connection (the next sentence opens a new one), so nothing of it can
 * still arrive. Threads: see {@link TtsEngine}; the JDK WebSocket's threads deliver messages; state is guarded
 * by {@code lock}.
 */
final class RealtimeTtsEngine implements TtsEngine {

    static final String READ_ALOUD = "You are a text-to-speech voice. Read the user's text aloud exactly as written, "
            + "word for word, in a natural tone. Do not add, answer or change anything.";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_MESSAGE_CHARS = 4 << 20;

    private final HttpClient client;
    private final TtsOptions.RealtimeTts options;
    private final TtsFormat format;
    private final URI uri;
    private final Duration connectTimeout;
    private final Object lock = new Object();
    private WebSocket socket;
    private CompletableFuture<WebSocket> sends;
    private boolean ready;
    private Request current;

    /** One sentence: the response it became, once the server said so. */
    private static final class Request {
        final String text;
        final TtsListener listener;
        boolean sent;
        String responseId;

        Request(String text, TtsListener listener) {
            this.text = text;
            this.listener = listener;
        }
    }

    RealtimeTtsEngine(HttpClient client, TtsOptions.RealtimeTts options, TtsFormat callFormat, Duration connectTimeout) {
        this.client = client;
        this.options = options;
        this.format = callFormat.law().isPresent() ? callFormat : TtsFormat.PCM_24000;
        String separator = options.url().contains("?") ? "&" : "?";
        this.uri = URI.create(options.url() + separator + "model=" + URLEncoder.encode(options.model(), StandardCharsets.UTF_8));
        this.connectTimeout = connectTimeout;
    }

    @Override
    public TtsProvider provider() {
        return TtsProvider.REALTIME_TTS;
    }

    @Override
    public TtsFormat format() {
        return format;
    }

    @Override
    public String voiceKey() {
        return options.voice() + "/" + options.model();
    }

    @Override
    public Synthesis synthesize(String text, TtsListener listener) {
        Request r = new Request(text, listener);
        synchronized (lock) {
            current = r;
            if (socket == null && sends == null) {
                connect();
            } else if (ready) {
                send(r);
            }
        }
        return () -> cancel(r);
    }

    @Override
    public void close() {
        synchronized (lock) {
            current = null;
            drop();
        }
    }

    private void cancel(Request r) {
        synchronized (lock) {
            if (current == r) {
                current = null;
                drop();
            }
        }
    }

    private void drop() {
        if (socket != null) {
            socket.abort();
        }
        socket = null;
        sends = null;
        ready = false;
    }

    private void connect() {
        CompletableFuture<WebSocket> opening = client.newWebSocketBuilder()
                .header("Authorization", "Bearer " + options.apiKey().reveal())
                .connectTimeout(connectTimeout)
                .buildAsync(uri, new Listener());
        sends = opening;
        opening.whenComplete((ws, error) -> {
            synchronized (lock) {
                if (sends != opening) {
                    if (ws != null) {
                        ws.abort(); // cancelled while connecting
                    }
                    return;
                }
                if (error != null) {
                    sends = null;
                    failCurrent(connectFailure(error));
                    return;
                }
                socket = ws;
                sendText(sessionUpdate());
            }
        });
    }

    private static TtsFailure connectFailure(Throwable error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        if (cause instanceof WebSocketHandshakeException h) {
            int status = h.getResponse().statusCode();
            return new TtsFailure("http_" + status, status, "the Realtime handshake was refused");
        }
        return TtsFailure.of("connect_failed", "cannot connect to the Realtime API: " + cause.getMessage());
    }

    private void send(Request r) {
        r.sent = true;
        sendText(responseCreate(r.text));
    }

    /** Sends in order: the JDK WebSocket takes one outstanding text at a time. */
    private void sendText(String text) {
        WebSocket ws = socket;
        sends = sends.thenCompose(w -> ws.sendText(text, true));
    }

    private void failCurrent(TtsFailure failure) {
        Request r = current;
        current = null;
        if (r != null) {
            r.listener.onFailure(failure);
        }
    }

    private void onEvent(JsonNode msg) {
        String type = msg.path("type").asString("");
        synchronized (lock) {
            Request r = current;
            switch (type) {
                case "session.updated" -> {
                    ready = true;
                    if (r != null && !r.sent) {
                        send(r);
                    }
                }
                case "response.created" -> {
                    if (r != null && r.sent && r.responseId == null) {
                        r.responseId = msg.path("response").path("id").asString(null);
                    }
                }
                case "response.output_audio.delta" -> {
                    if (r != null && msg.path("response_id").asString("").equals(r.responseId)) {
                        byte[] audio = Base64.getDecoder().decode(msg.path("delta").asString(""));
                        r.listener.onAudio(audio, 0, audio.length);
                    }
                }
                case "response.done" -> {
                    JsonNode response = msg.path("response");
                    if (r != null && response.path("id").asString("").equals(r.responseId)) {
                        current = null;
                        String status = response.path("status").asString("");
                        if (status.equals("completed")) {
                            r.listener.onComplete();
                        } else {
                            JsonNode error = response.path("status_details").path("error");
                            r.listener.onFailure(TtsFailure.of(error.path("code").asString("response_" + status),
                                    "the Realtime response ended " + status));
                        }
                    }
                }
                case "error" -> {
                    JsonNode error = msg.path("error");
                    if (r != null) {
                        failCurrent(TtsFailure.of(error.path("code").asString(error.path("type").asString("error")),
                                TtsErrorBodies.truncate(error.path("message").asString(""))));
                    }
                }
                default -> { }
            }
        }
    }

    private void onGone(WebSocket ws, String why) {
        synchronized (lock) {
            if (ws != socket) {
                return;
            }
            socket = null;
            sends = null;
            ready = false;
            failCurrent(TtsFailure.of("stream_cut", why));
        }
    }

    private String sessionUpdate() {
        ObjectNode session = JSON.createObjectNode();
        session.put("type", "realtime");
        session.put("instructions", READ_ALOUD);
        session.putArray("output_modalities").add("audio");
        ObjectNode audio = session.putObject("audio");
        audio.putObject("input").putNull("turn_detection");
        outputAudio(audio.putObject("output"));
        ObjectNode event = JSON.createObjectNode().put("type", "session.update");
        event.set("session", session);
        return event.toString();
    }

    String responseCreate(String text) {
        ObjectNode response = JSON.createObjectNode();
        response.put("conversation", "none");
        response.putArray("output_modalities").add("audio");
        response.put("instructions", READ_ALOUD);
        ObjectNode item = response.putArray("input").addObject().put("type", "message").put("role", "user");
        item.putArray("content").addObject().put("type", "input_text").put("text", text);
        outputAudio(response.putObject("audio").putObject("output"));
        response.putObject("metadata").put("purpose", "tts");
        ObjectNode event = JSON.createObjectNode().put("type", "response.create");
        event.set("response", response);
        return event.toString();
    }

    private void outputAudio(ObjectNode output) {
        ObjectNode f = output.putObject("format");
        switch (format) {
            case ULAW_8000 -> f.put("type", "audio/pcmu");
            case ALAW_8000 -> f.put("type", "audio/pcma");
            default -> f.put("type", "audio/pcm").put("rate", 24_000);
        }
        output.put("voice", options.voice());
    }

    /** Assembles messages (bounded) and hands each to {@link #onEvent}. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (text.length() + data.length() > MAX_MESSAGE_CHARS) {
                ws.abort();
                onGone(ws, "a Realtime message over " + MAX_MESSAGE_CHARS + " characters");
                return null;
            }
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                try {
                    onEvent(JSON.readTree(message));
                } catch (JacksonException e) {
                    onGone(ws, "a Realtime message that is not JSON");
                    ws.abort();
                    return null;
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            onGone(ws, "the Realtime connection closed: " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            onGone(ws, "the Realtime connection failed: " + error.getMessage());
        }
    }
}
