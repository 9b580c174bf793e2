package org.audiostream.stream.ai.tts;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ElevenLabs' multi-context input streaming ({@code wss://…/v1/text-to-speech/<voice>/multi-stream-input}): one
 * connection per session, opened when the session starts ({@link #open}) and, after it closed (inactivity, network),
 * again by the next sentence; one context per sentence ({@link ElevenLabsWsMessages}), opened at the sentence's
 * first words, so the service can start speaking a long sentence before the model has finished writing it. The
 * key goes in the {@code xi-api-key} header. Audio comes back as base64 {@code audio} with the {@code contextId};
 * {@code isFinal} ends a context. An {@code error} ({@code {"message","error","code"}}, then the service closes the
 * connection) fails the sentence whose context it names and, like the connection's loss, every other sentence
 * under way on it. A cancelled context is closed and its late audio
 * dropped; it counts against the service's limit of {@value #MAX_CONTEXTS} contexts per connection until its
 * {@code isFinal}, and a context beyond the limit waits for a place (or for a new connection, when only such
 * abandoned contexts hold the places).
 *
 * <p>Threads: the pipeline calls from the session's event loop, the JDK WebSocket delivers on its own threads; all
 * state is guarded by {@code lock}, under which listeners are called (they only hand over to the loop).
 */
final class ElevenLabsWsEngine implements TextStreamingEngine {

    /** ElevenLabs' limit of contexts per connection. */
    static final int MAX_CONTEXTS = 5;
    /** Seconds without a message before the service closes a context; its maximum (the default is 20). */
    static final int INACTIVITY_TIMEOUT_S = 180;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_MESSAGE_CHARS = 4 << 20;
    private static final int MAX_UNSENT_CHARS = 1 << 20;

    private final HttpClient client;
    private final TtsOptions.ElevenLabs options;
    private final TtsFormat format;
    private final URI uri;
    private final Duration connectTimeout;
    private final Object lock = new Object();
    /** Contexts waiting for a place on the connection, in order. */
    private final ArrayDeque<Context> waiting = new ArrayDeque<>();
    /** Contexts sent on {@link #connection} and not yet final, by id. */
    private final Map<String, Context> sent = new HashMap<>();
    private Connection connection;
    private long contexts;
    private boolean closed;

    ElevenLabsWsEngine(HttpClient client, TtsOptions.ElevenLabs options, TtsFormat format, Duration connectTimeout) {
        this.client = client;
        this.options = options;
        this.format = format;
        this.connectTimeout = connectTimeout;
        String base = ElevenLabsHttpEngine.stripSlash(options.baseUrl()).replaceFirst("^http", "ws");
        this.uri = URI.create(base + "/v1/text-to-speech/" + URLEncoder.encode(options.voiceId(), StandardCharsets.UTF_8)
                + "/multi-stream-input?model_id=" + URLEncoder.encode(options.modelId(), StandardCharsets.UTF_8)
                + "&output_format=" + format.wireName() + "&inactivity_timeout=" + INACTIVITY_TIMEOUT_S);
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
    public void open() {
        synchronized (lock) {
            if (connection == null && !closed) {
                connect();
            }
        }
    }

    @Override
    public SentenceInput begin(TtsListener listener) {
        synchronized (lock) {
            Context c = new Context("s" + ++contexts, listener);
            if (closed) {
                c.fail(TtsFailure.of("closed", "the session's ElevenLabs connection is closed"));
                return c;
            }
            waiting.addLast(c);
            admit();
            return c;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            waiting.clear();
            retire();
        }
    }

    /** Leaves the connection (its contexts are forgotten): {@code close_socket}, then the close. Under the lock. */
    private void retire() {
        Connection c = connection;
        connection = null;
        sent.clear();
        if (c != null) {
            c.sends.thenCompose(ws -> ws.sendText(ElevenLabsWsMessages.closeSocket(), true))
                    .thenCompose(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, ""))
                    .whenComplete((ws, error) -> c.abort());
        }
    }

    /**
     * Sends waiting contexts while the service has places for them, connecting first if needed. When only cancelled
     * contexts whose {@code isFinal} never came hold the places, a new connection frees them. Under the lock.
     */
    private void admit() {
        if (!waiting.isEmpty() && sent.size() >= MAX_CONTEXTS && sent.values().stream().allMatch(c -> c.done)) {
            retire();
        }
        while (!waiting.isEmpty() && sent.size() < MAX_CONTEXTS) {
            if (connection == null) {
                connect();
            }
            Context c = waiting.pollFirst();
            c.sentOn = connection;
            sent.put(c.id, c);
            connection.send(ElevenLabsWsMessages.openContext(c.id, options));
            if (c.ended) {
                c.sendEnd(c.unsent.toString());
            } else if (!c.unsent.isEmpty()) {
                connection.send(ElevenLabsWsMessages.text(c.id, c.unsent.toString()));
            }
            c.unsent.setLength(0);
        }
    }

    /** Starts a connection; messages queue behind the handshake. Under the lock. */
    private void connect() {
        Connection c = new Connection();
        connection = c;
        CompletableFuture<WebSocket> opening = client.newWebSocketBuilder()
                .header("xi-api-key", options.apiKey().reveal())
                .connectTimeout(connectTimeout)
                .buildAsync(uri, c);
        c.handshake = opening;
        c.sends = opening;
        opening.whenComplete((ws, error) -> {
            synchronized (lock) {
                if (error != null) {
                    gone(c, connectFailure(error));
                    return;
                }
                c.socket = ws;
                if (connection != c) {
                    ws.abort(); // closed or replaced while connecting
                }
            }
        });
    }

    private static TtsFailure connectFailure(Throwable error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        if (cause instanceof WebSocketHandshakeException h) {
            int status = h.getResponse().statusCode();
            Object body = h.getResponse().body();
            return body instanceof String s && !s.isEmpty() ? TtsErrorBodies.failure(status, s)
                    : new TtsFailure("http_" + status, status, "the multi-stream-input handshake was refused");
        }
        return TtsFailure.of("connect_failed", "cannot connect to ElevenLabs: " + cause.getMessage());
    }

    /**
     * Connection {@code c} is lost: every sentence under way on it fails with {@code failure}; contexts still waiting
     * for a place get a new connection. Under the lock; once per connection.
     */
    private void gone(Connection c, TtsFailure failure) {
        if (connection != c) {
            return;
        }
        connection = null;
        c.abort();
        for (Context context : sent.values()) {
            context.fail(failure);
        }
        sent.clear();
        admit();
    }

    private void onMessage(Connection c, String message) {
        JsonNode msg;
        try {
            msg = JSON.readTree(message);
        } catch (JacksonException e) {
            synchronized (lock) {
                gone(c, TtsFailure.of("stream_cut", "an ElevenLabs message that is not JSON"));
            }
            return;
        }
        synchronized (lock) {
            if (connection != c) {
                return;
            }
            String id = msg.path("contextId").isString() ? msg.path("contextId").asString() : null;
            Context context = id == null ? null : sent.get(id);
            if (msg.path("error").isString()) {
                TtsFailure failure = TtsFailure.of(msg.path("error").asString(),
                        TtsErrorBodies.truncate(msg.path("message").asString("")));
                if (context != null) {
                    context.fail(failure);
                }
                gone(c, failure); // the service closes the connection after an error: the next sentence opens another
                return;
            }
            if (context == null) {
                return; // a context that has ended
            }
            String audio = msg.path("audio").isString() ? msg.path("audio").asString() : "";
            if (!audio.isEmpty() && !context.done) {
                byte[] bytes = Base64.getDecoder().decode(audio);
                context.listener.onAudio(bytes, 0, bytes.length);
            }
            if (msg.path("isFinal").asBoolean(false)) {
                sent.remove(id);
                context.finished();
                admit();
            }
        }
    }

    /** One sentence's context. All its methods take the lock. */
    private final class Context implements SentenceInput {
        final String id;
        final TtsListener listener;
        /** Text given while the context waited for a place. */
        final StringBuilder unsent = new StringBuilder();
        /** The connection it was sent on; null while it waits for a place. */
        Connection sentOn;
        boolean ended;
        /** The listener has heard its end, or the context was cancelled: nothing more reaches it. */
        boolean done;

        Context(String id, TtsListener listener) {
            this.id = id;
            this.listener = listener;
        }

        @Override
        public void append(String words) {
            synchronized (lock) {
                if (done || ended) {
                    return;
                }
                if (sentOn == null) {
                    unsent.append(words);
                } else {
                    sentOn.send(ElevenLabsWsMessages.text(id, words));
                }
            }
        }

        @Override
        public void end(String rest) {
            synchronized (lock) {
                if (done || ended) {
                    return;
                }
                ended = true;
                if (sentOn == null) {
                    unsent.append(rest);
                } else {
                    sendEnd(rest);
                }
            }
        }

        void sendEnd(String rest) {
            sentOn.send(ElevenLabsWsMessages.flush(id, rest));
            sentOn.send(ElevenLabsWsMessages.closeContext(id));
        }

        @Override
        public void cancel() {
            synchronized (lock) {
                if (done) {
                    return;
                }
                done = true;
                if (sentOn == null) {
                    waiting.remove(this);
                } else if (!ended) {
                    sentOn.send(ElevenLabsWsMessages.closeContext(id));
                }
            }
        }

        void fail(TtsFailure failure) {
            if (!done) {
                done = true;
                listener.onFailure(failure);
            }
        }

        /** {@code isFinal} came. */
        void finished() {
            if (done) {
                return;
            }
            done = true;
            if (ended) {
                listener.onComplete();
            } else {
                listener.onFailure(TtsFailure.of("context_closed", "ElevenLabs ended the context before its sentence"));
            }
        }
    }

    /** One WebSocket: its ordered sends (the JDK takes one outstanding text at a time) and its messages. */
    private final class Connection implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        CompletableFuture<WebSocket> handshake;
        /** The handshake, then every send in order. */
        CompletableFuture<WebSocket> sends;
        volatile WebSocket socket;
        private int unsentChars;

        /** Queues {@code message}; a backlog the service does not read counts as a lost connection. Under the lock. */
        void send(String message) {
            if (unsentChars + message.length() > MAX_UNSENT_CHARS) {
                gone(this, TtsFailure.of("stream_cut", "ElevenLabs does not read: " + unsentChars + " characters unsent"));
                return;
            }
            unsentChars += message.length();
            sends = sends.thenCompose(ws -> ws.sendText(message, true)).whenComplete((ws, error) -> {
                synchronized (lock) {
                    unsentChars -= message.length();
                    if (error != null && !handshake.isCompletedExceptionally()) { // a failed handshake reports itself
                        gone(this, TtsFailure.of("stream_cut", "cannot send to ElevenLabs: " + error.getMessage()));
                    }
                }
            });
        }

        void abort() {
            WebSocket ws = socket;
            if (ws != null) {
                ws.abort();
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (text.length() + data.length() > MAX_MESSAGE_CHARS) {
                synchronized (lock) {
                    gone(this, TtsFailure.of("stream_cut", "an ElevenLabs message over " + MAX_MESSAGE_CHARS + " characters"));
                }
                ws.abort();
                return null;
            }
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                onMessage(this, message);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            synchronized (lock) {
                gone(this, TtsFailure.of("ws_close_" + statusCode, "ElevenLabs closed the connection: "
                        + TtsErrorBodies.truncate(reason)));
            }
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            synchronized (lock) {
                gone(this, TtsFailure.of("stream_cut", "the ElevenLabs connection failed: " + error.getMessage()));
            }
        }
    }
}
