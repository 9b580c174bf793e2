package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.audiostream.config.ConfigLoader;
import org.audiostream.config.Schema;
import org.audiostream.event.Event;
import org.audiostream.event.EventBus;
import org.audiostream.event.EventFilter;
import org.audiostream.testing.SippRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A whole {@link Gateway} in-process on free loopback ports, for integration tests that drive it
 * from outside: SIP from SIPp or the demo caller, the API over HTTP, and every event recorded.
 *
 * <p>{@link #close} shuts the gateway down and asserts that everything returned to its baseline:
 * no session, call or RTP port left, no thread the gateway started, and no more file descriptors
 * than before it started.
 *
 * <p>Threads: built and closed by the test thread; events are appended by the event bus thread.
 */
public final class GatewayHarness implements AutoCloseable {

    /** The API's reply to a command that was carried out, as mod_audio_stream words it. */
    public static final String OK = "+OK Success\n";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * RTP ports above the kernel's ephemeral range (32768-60999) and away from the default 20000-29999,
     * which another gateway or SIPp on the same machine may be holding by the hundred: the pool gives up
     * after 64 taken pairs in a row and answers 503.
     */
    private static final String RTP_PORTS = "61000-65499";

    private final Set<Thread> threadsBefore;
    private final long fdsBefore;
    private final Gateway gateway;
    private final int portPairsAtStart;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final EventBus.Subscription subscription;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private GatewayHarness(Map<String, String> env, String extraYaml) throws IOException {
        threadsBefore = Thread.getAllStackTraces().keySet();
        fdsBefore = openFileDescriptors();
        String yaml = "sip:\n  bind: 127.0.0.1:" + SippRunner.freePort() + "\n"
                + "http:\n  bind: 127.0.0.1:" + SippRunner.freePort() + "\n"
                + "rtp:\n  ports: " + RTP_PORTS + "\n" + extraYaml;
        Path file = Files.createTempFile("gateway-it-", ".yaml");
        try {
            Files.writeString(file, yaml);
            gateway = Gateway.start(ConfigLoader.load(Schema.ALL, file, env, Map.of(), "test").orThrow(), file);
        } finally {
            Files.deleteIfExists(file);
        }
        portPairsAtStart = gateway.freePortPairs();
        subscription = gateway.events().subscribe(EventFilter.ALL, events::add);
    }

    /** A gateway with the built-in defaults plus {@code env} (variables as the environment would give them). */
    public static GatewayHarness start(Map<String, String> env) throws IOException {
        return new GatewayHarness(env, "");
    }

    /**
     * As {@link #start(Map)}, with YAML appended to the config file (e.g. a {@code routing:} section; not
     * {@code sip}, {@code http} or {@code rtp}, which the harness sets).
     */
    public static GatewayHarness start(Map<String, String> env, String extraYaml) throws IOException {
        return new GatewayHarness(env, extraYaml);
    }

    public Gateway gateway() {
        return gateway;
    }

    public InetSocketAddress sipAddress() {
        return gateway.sipAddress();
    }

    /** {@code POST /api} with a {@code uuid_audio_stream} command; returns the reply line(s). */
    public String api(String command) {
        return send(HttpRequest.newBuilder(uri("/api")).POST(HttpRequest.BodyPublishers.ofString(command))).body();
    }

    /** {@code GET path}; returns status and body. */
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** {@code POST path} with a JSON body; returns status and body. */
    public HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** {@code GET path} that must answer 200 with JSON; the parsed body. */
    public JsonNode getJson(String path) {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** The session's entry in {@code GET /v1/sessions}, or null if it is not listed. */
    public JsonNode session(String uuid) {
        for (JsonNode s : getJson("/v1/sessions")) {
            if (s.get("uuid").asString().equals(uuid)) {
                return s;
            }
        }
        return null;
    }

    /** {@code uuid_audio_stream <uuid> health} over {@code POST /api}, parsed. */
    public JsonNode health(String uuid) {
        String reply = api("uuid_audio_stream " + uuid + " health");
        assertThat(reply).as("health of %s", uuid).startsWith("{");
        return JSON.readTree(reply);
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    /** Events of one subclass (e.g. {@code mod_audio_stream::connect}), optionally of one session. */
    public List<Event> events(String subclass, String uuid) {
        return events.stream().filter(e -> e.subclass().equals(subclass))
                .filter(e -> uuid == null || uuid.equals(e.sessionUuid())).toList();
    }

    /** Waits for the first event of {@code subclass} for session {@code uuid}. */
    public Event awaitEvent(String subclass, String uuid, Duration timeout) {
        return awaitEvent(e -> e.subclass().equals(subclass) && uuid.equals(e.sessionUuid()), timeout);
    }

    /** Waits for the first event matching {@code match}. */
    public Event awaitEvent(Predicate<Event> match, Duration timeout) {
        return await().atMost(timeout).pollInterval(Duration.ofMillis(10))
                .until(() -> events.stream().filter(match).findFirst().orElse(null), e -> e != null);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The admin server's base URL, e.g. {@code http://127.0.0.1:8080}. */
    public URI httpBase() {
        InetSocketAddress a = gateway.httpAddress();
        return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
    }

    private URI uri(String path) {
        return httpBase().resolve(path);
    }

    /** Shuts down and asserts that sessions, calls, RTP ports, threads and file descriptors are back to baseline. */
    @Override
    public void close() {
        http.close();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(gateway.liveCalls()).as("live calls").isZero();
            assertThat(gateway.registry().size()).as("live sessions").isZero();
            assertThat(gateway.freePortPairs()).as("free RTP port pairs").isEqualTo(portPairsAtStart);
        });
        subscription.close();
        gateway.close();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(leftoverThreads()).isEmpty());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(openFileDescriptors()).as("open file descriptors").isLessThanOrEqualTo(fdsBefore));
    }

    private List<String> leftoverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !threadsBefore.contains(t))
                // JDK-wide helpers that outlive a test by design: the common pool (and the virtual threads'
                // carriers), the virtual threads' timer, Awaitility's poller, and the process reaper of ProcessBuilder.
                .filter(t -> !t.getName().startsWith("ForkJoinPool") && !t.getName().startsWith("awaitility")
                        && !t.getName().startsWith("process reaper") && !t.getName().equals("VirtualThread-unblocker"))
                .map(t -> t.getName() + " " + t.getState())
                .collect(Collectors.toList());
    }

    private static long openFileDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
