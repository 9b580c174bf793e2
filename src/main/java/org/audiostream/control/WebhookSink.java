package org.audiostream.control;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.audiostream.event.Event;
import org.audiostream.event.EventBus;
import org.audiostream.event.EventFilter;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import org.audiostream.observe.RateLimitedLog;

/**
 * Posts every event to a webhook URL ({@code AUDIO_STREAM_EVENT_WEBHOOK_URL}) as the same JSON the
 * event stream carries. Each event is tried up to {@value #ATTEMPTS} times with exponential
 * back-off; a circuit breaker of its own (5 failed calls of the last 10 → open for 30 s → one
 * probe) stops a dead webhook from soaking up requests, and events that find it open are dropped
 * and counted. At most {@value #MAX_IN_FLIGHT} posts are in flight; beyond that events are dropped
 * and counted, so the event bus is never slowed down. Delivery order is not guaranteed; every
 * event carries its timestamp.
 *
 * <p>Threads: events arrive on the bus's dispatcher thread; posts run on the HTTP client's threads.
 */
public final class WebhookSink implements AutoCloseable {

    static final int ATTEMPTS = 3;
    static final int MAX_IN_FLIGHT = 64;
    private static final Log LOG = Log.of(Component.API);

    private final URI url;
    private final HttpClient http;
    private final CircuitBreaker breaker;
    private final Duration firstBackoff;
    private final EventBus.Subscription subscription;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final RateLimitedLog failureLog = new RateLimitedLog(10, TimeUnit.SECONDS);

    public WebhookSink(URI url, EventBus bus) {
        this(url, bus, Duration.ofMillis(200), Duration.ofSeconds(30));
    }

    WebhookSink(URI url, EventBus bus, Duration firstBackoff, Duration openFor) {
        this.url = url;
        this.firstBackoff = firstBackoff;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        this.breaker = CircuitBreaker.of("webhook", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
        this.subscription = bus.subscribe(EventFilter.ALL, this::post);
    }

    public long delivered() {
        return delivered.get();
    }

    public long failed() {
        return failed.get();
    }

    public long dropped() {
        return dropped.get();
    }

    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    private void post(Event event) {
        if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
            inFlight.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EventJson.encode(event))).build();
        attempt(request, event, 1).whenComplete((ok, error) -> inFlight.decrementAndGet());
    }

    private CompletableFuture<Void> attempt(HttpRequest request, Event event, int attempt) {
        if (!breaker.tryAcquirePermission()) {
            dropped.incrementAndGet();
            logFailure(event, attempt, CallNotPermittedException.createCallNotPermittedException(breaker).getMessage());
            return CompletableFuture.completedFuture(null);
        }
        long start = breaker.getCurrentTimestamp();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
            long took = breaker.getCurrentTimestamp() - start;
            if (error == null && response.statusCode() / 100 == 2) {
                breaker.onSuccess(took, breaker.getTimestampUnit());
                delivered.incrementAndGet();
                return CompletableFuture.<Void>completedFuture(null);
            }
            Throwable cause = error != null ? error : new IllegalStateException("HTTP " + response.statusCode());
            breaker.onError(took, breaker.getTimestampUnit(), cause);
            if (attempt >= ATTEMPTS) {
                failed.incrementAndGet();
                logFailure(event, attempt, cause.toString());
                return CompletableFuture.<Void>completedFuture(null);
            }
            Executor later = CompletableFuture.delayedExecutor(firstBackoff.toMillis() << (attempt - 1), TimeUnit.MILLISECONDS);
            return CompletableFuture.supplyAsync(() -> null, later).thenCompose(x -> attempt(request, event, attempt + 1));
        }).thenCompose(f -> f);
    }

    private void logFailure(Event event, int attempts, String reason) {
        long suppressed = failureLog.tryAcquire(System.nanoTime());
        if (suppressed >= 0) {
            LOG.warn(event.sessionUuid(), "webhook_post", "failed", "url", url, "subclass", event.subclass(),
                    "attempts", attempts, "reason", reason, "breaker", breaker.getState(), "suppressed", suppressed);
        }
    }

    @Override
    public void close() {
        subscription.close();
        http.close();
    }
}
