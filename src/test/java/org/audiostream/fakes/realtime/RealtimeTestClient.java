package org.audiostream.fakes.realtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Realtime client for the tests, on the JDK's {@code java.net.http} WebSocket: it checks every frame the fake
 * sends with {@link OpenAiWireCheck#assertServerEvent} as it arrives (a failure is kept and rethrown by
 * {@link #next}/{@link #close}), and {@link #send} checks what the test sends with
 * {@link OpenAiWireCheck#assertClientEvent} ({@link #sendUnchecked} does not, for invalid input on purpose).
 *
 * <p>Threads: the JDK's WebSocket threads fill the queues; the test thread reads them.
 */
final class RealtimeTestClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String MODEL = "gpt-realtime-2.1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static {
        // The SDK's first parse loads Kotlin reflection for seconds; pay it here, not inside a test's wait.
        OpenAiWireCheck.assertServerEvent("{\"type\":\"input_audio_buffer.cleared\",\"event_id\":\"event_0\"}");
    }

    /** A server text frame, or the close (code, reason), in arrival order. */
    record Frame(String text, int closeCode, String closeReason, long arrivalNanos) {
        boolean isClose() {
            return text == null;
        }

        JsonNode json() {
            return JSON.readTree(text);
        }

        String type() {
            return json().path("type").asString();
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final LinkedBlockingQueue<Frame> inbox = new LinkedBlockingQueue<>();
    private final List<Frame> seen = new ArrayList<>();
    private final List<AssertionError> wireErrors = new ArrayList<>();
    private final WebSocket socket;

    private RealtimeTestClient(URI uri, Map<String, String> headers) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        socket = builder.buildAsync(uri, new Listener()).orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** Connects to {@code server} with {@code ?model=gpt-realtime-2.1} and the bearer key {@code key}. */
    static RealtimeTestClient connect(FakeRealtimeServer server, String key) {
        return connect(URI.create(server.url() + "?model=" + MODEL), Map.of("Authorization", "Bearer " + key));
    }

    static RealtimeTestClient connect(URI uri, Map<String, String> headers) {
        return new RealtimeTestClient(uri, headers);
    }

    /** Checks {@code json} against the SDK's client event types, then sends it. */
    RealtimeTestClient send(String json) {
        OpenAiWireCheck.assertClientEvent(json);
        return sendUnchecked(json);
    }

    RealtimeTestClient sendUnchecked(String json) {
        socket.sendText(json, true).orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
        return this;
    }

    void sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** Appends {@code audio} in chunks of {@code chunkBytes}, as a gateway streams a call. */
    void append(byte[] audio, int chunkBytes) {
        for (int off = 0; off < audio.length; off += chunkBytes) {
            int len = Math.min(chunkBytes, audio.length - off);
            String b64 = Base64.getEncoder().encodeToString(Arrays.copyOfRange(audio, off, off + len));
            send("{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + b64 + "\"}");
        }
    }

    /** The next server event of {@code type}; the events before it are kept in {@link #seen()}. */
    JsonNode next(String type) {
        return nextFrame(type).json();
    }

    Frame nextFrame(String type) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Frame f = poll(deadline - System.nanoTime());
            if (f == null) {
                throw new AssertionError("no " + type + " within " + WAIT + "; seen: " + types());
            }
            if (f.isClose()) {
                throw new AssertionError("closed " + f.closeCode() + " '" + f.closeReason() + "' while waiting for "
                        + type + "; seen: " + types());
            }
            if (f.type().equals(type)) {
                return f;
            }
        }
    }

    /** Every server event until and including the next one of {@code type}, in order. */
    List<JsonNode> until(String type) {
        int from = seen.size();
        nextFrame(type);
        return seen.subList(from, seen.size()).stream().map(Frame::json).toList();
    }

    /** The close the server sent (waits for it); the events before it are kept in {@link #seen()}. */
    Frame awaitClose() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Frame f = poll(deadline - System.nanoTime());
            if (f == null) {
                throw new AssertionError("no close within " + WAIT + "; seen: " + types());
            }
            if (f.isClose()) {
                return f;
            }
        }
    }

    /** Asserts that no server event arrives within {@code quiet}. */
    void assertSilentFor(Duration quiet) {
        Frame f = poll(quiet.toNanos());
        if (f != null) {
            throw new AssertionError("expected silence, got " + (f.isClose() ? "close " + f.closeCode() : f.text()));
        }
    }

    List<Frame> seen() {
        checkWire();
        return List.copyOf(seen);
    }

    List<String> types() {
        return seen.stream().map(f -> f.isClose() ? "close " + f.closeCode() : f.type()).toList();
    }

    @Override
    public void close() {
        try {
            if (!socket.isOutputClosed()) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS)
                        .exceptionally(e -> null).join();
            }
            socket.abort();
        } finally {
            http.close();
        }
        checkWire();
    }

    private Frame poll(long nanos) {
        try {
            Frame f = inbox.poll(Math.max(0, nanos), TimeUnit.NANOSECONDS);
            if (f != null) {
                seen.add(f);
            }
            checkWire();
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void checkWire() {
        synchronized (wireErrors) {
            if (!wireErrors.isEmpty()) {
                throw wireErrors.getFirst();
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    OpenAiWireCheck.assertServerEvent(text);
                } catch (AssertionError e) {
                    synchronized (wireErrors) {
                        wireErrors.add(e);
                    }
                }
                inbox.add(new Frame(text, 0, null, System.nanoTime()));
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            Frame close = new Frame(null, statusCode, reason, System.nanoTime());
            inbox.add(close);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            Frame close = new Frame(null, 1006, String.valueOf(error), System.nanoTime());
            inbox.add(close);
        }
    }
}
