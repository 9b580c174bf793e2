package org.audiostream.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.audiostream.event.Event;
import org.audiostream.event.EventBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookSinkTest {

    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int status = 200;
    private EventBus bus;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            requests.incrementAndGet();
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        bus = new EventBus();
    }

    @AfterEach
    void stop() {
        bus.close();
        server.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    @Test
    void everyEventIsPostedAsTheEventStreamJson() {
        try (WebhookSink sink = new WebhookSink(url(), bus)) {
            bus.publish(Event.json("call::hangup", "u1", "{\"cause\":\"NORMAL_CLEARING\"}"));
            await().until(() -> sink.delivered() == 1);
            assertThat(bodies).singleElement().asString().startsWith("{\"event\":\"call::hangup\",\"session_uuid\":\"u1\"")
                    .endsWith("\"body\":{\"cause\":\"NORMAL_CLEARING\"}}");
        }
    }

    @Test
    void failuresAreRetriedThenTheBreakerStopsTheStorm() {
        status = 500;
        try (WebhookSink sink = new WebhookSink(url(), bus, Duration.ofMillis(10), Duration.ofMinutes(5))) {
            bus.publish(Event.json("a", "u1", "{}"));
            await().until(() -> sink.failed() == 1);
            assertThat(requests.get()).isEqualTo(WebhookSink.ATTEMPTS);
            for (int i = 0; i < 20; i++) {
                bus.publish(Event.json("b", "u1", "{}"));
            }
            await().until(() -> sink.breakerState() == CircuitBreaker.State.OPEN && sink.dropped() + sink.failed() >= 20);
            // a request sent just before the breaker opened may still be on its way to the server
            int[] seen = {-1};
            await().pollInterval(Duration.ofMillis(200)).until(() -> {
                int now = requests.get();
                boolean settled = now == seen[0];
                seen[0] = now;
                return settled;
            });
            int afterOpen = requests.get();
            for (int i = 0; i < 50; i++) {
                bus.publish(Event.json("c", "u1", "{}"));
            }
            await().until(() -> sink.dropped() >= 50);
            assertThat(requests.get()).as("no request while the breaker is open").isEqualTo(afterOpen);
            assertThat(requests.get()).as("fewer than the 63 requests 21 events x 3 attempts would make without a breaker")
                    .isLessThan(WebhookSink.ATTEMPTS * 21);
        }
    }
}
