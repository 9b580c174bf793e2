package org.audiostream.app;

import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A subscriber to the gateway's {@code GET /v1/events} as Server-Sent Events: keeps every {@code data:}
 * line as the event JSON it carries. {@link #open} returns once the stream's opening comment has arrived,
 * i.e. the gateway has subscribed it to the event bus.
 *
 * <p>Threads: the HTTP client's threads append lines; tests read them.
 */
final class SseClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String OPENING_COMMENT = ": audio-stream events";

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private volatile Flow.Subscription subscription;

    private SseClient(InetSocketAddress admin, String query) {
        URI uri = URI.create("http://" + admin.getAddress().getHostAddress() + ":" + admin.getPort() + "/v1/events?" + query);
        http.sendAsync(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
                    @Override
                    public void onSubscribe(Flow.Subscription s) {
                        subscription = s;
                        s.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(String line) {
                        lines.add(line);
                    }

                    @Override
                    public void onError(Throwable t) {
                        lines.add("! " + t);
                    }

                    @Override
                    public void onComplete() {
                        lines.add("! complete");
                    }
                }));
    }

    /** Opens {@code /v1/events?query} on {@code gw} and waits until the gateway streams to it. */
    static SseClient open(GatewayHarness gw, String query) {
        SseClient client = new SseClient(gw.gateway().httpAddress(), query);
        await("SSE stream opened").atMost(AppFrames.WAIT).until(() -> client.lines.contains(OPENING_COMMENT));
        return client;
    }

    /** The events received so far: the JSON of each {@code data:} line. */
    List<JsonNode> events() {
        return lines.stream().filter(l -> l.startsWith("data: ")).map(l -> JSON.readTree(l.substring(6))).toList();
    }

    /** Every line received so far, for failure messages. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() throws InterruptedException {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        http.shutdownNow();
        http.awaitTermination(Duration.ofSeconds(5));
    }
}
