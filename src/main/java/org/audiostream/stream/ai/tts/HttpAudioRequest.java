package org.audiostream.stream.ai.tts;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * One streaming HTTP synthesis: the request is sent and its body read on a virtual thread, chunk by chunk as
 * the provider sends it, by a {@link BodyReader} (raw audio, or server-sent events). An error status becomes a
 * {@link TtsFailure} from the provider's error body (at most {@value #MAX_ERROR_BODY} bytes read). Cancelling
 * closes the body stream (the JDK client then drops the connection) and interrupts the reader.
 *
 * <p>Threads: started from any thread; the reader thread calls the listener; {@link #cancel} from any thread.
 */
final class HttpAudioRequest implements Synthesis {

    /** Reads a 2xx body into the listener; returns normally only if the body ended as the protocol says. */
    interface BodyReader {
        void read(InputStream body, TtsListener listener) throws IOException;
    }

    private static final int MAX_ERROR_BODY = 8192;

    private final TtsListener listener;
    private volatile boolean cancelled;
    private volatile InputStream body;
    private volatile Thread reader;

    private HttpAudioRequest(TtsListener listener) {
        this.listener = listener;
    }

    static Synthesis start(HttpClient client, HttpRequest request, BodyReader bodyReader, TtsListener listener) {
        HttpAudioRequest call = new HttpAudioRequest(listener);
        call.reader = Thread.ofVirtual().name("tts-http").start(() -> call.run(client, request, bodyReader));
        return call;
    }

    /** Raw audio bytes, handed over as they arrive. */
    static void readRaw(InputStream in, TtsListener listener) throws IOException {
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (n > 0) {
                listener.onAudio(buffer, 0, n);
            }
        }
    }

    private void run(HttpClient client, HttpRequest request, BodyReader bodyReader) {
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            body = response.body();
            if (cancelled) {
                body.close();
                return;
            }
            try (InputStream in = response.body()) {
                if (response.statusCode() / 100 != 2) {
                    String text = new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
                    fail(TtsErrorBodies.failure(response.statusCode(), text));
                    return;
                }
                bodyReader.read(in, listener);
            }
            if (!cancelled) {
                listener.onComplete();
            }
        } catch (HttpConnectTimeoutException | ConnectException e) {
            fail(TtsFailure.of("connect_failed", "cannot connect to " + request.uri().getHost() + ": " + e.getMessage()));
        } catch (HttpTimeoutException e) {
            fail(TtsFailure.of("timeout", "no response headers within " + request.timeout().orElseThrow().toMillis() + " ms"));
        } catch (IOException e) {
            fail(TtsFailure.of("stream_cut", "the audio stream broke off: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // cancelled: nothing to report
        }
    }

    private void fail(TtsFailure failure) {
        if (!cancelled) {
            listener.onFailure(failure);
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        InputStream in = body;
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing is all we want; the reader thread ends either way
            }
        }
        Thread t = reader;
        if (t != null) {
            t.interrupt();
        }
    }
}
