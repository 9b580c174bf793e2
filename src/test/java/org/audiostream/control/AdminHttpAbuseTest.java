package org.audiostream.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.audiostream.config.HostPort;
import org.audiostream.event.Event;
import org.audiostream.event.EventBus;
import org.audiostream.observe.SecurityEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 findings 3 and 7 against the admin server on real sockets: connection limits, a request
 * trickled in too slowly, idle connections, and event-stream clients that stop reading.
 */
class AdminHttpAbuseTest {

    /** Short timeouts; connection limits of 3 per source and 6 in all; 3 event streams of 64 events each. */
    private static final AdminLimits LIMITS = new AdminLimits(6, 3, Duration.ofMillis(400), Duration.ofMillis(600), 3, 64);
    /** The same with timeouts long enough not to close a connection first, and 512 events a stream. */
    private static final AdminLimits PATIENT = new AdminLimits(6, 3, Duration.ofSeconds(30), Duration.ofSeconds(30), 3, 512);

    private EventLoopGroup group;
    private EventBus bus;
    private AdminHttpServer server;
    private final List<Socket> sockets = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        // one event loop: connections are then admitted in the order they were made
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        bus = new EventBus();
    }

    private void startServer(AdminLimits limits) throws InterruptedException {
        server = new AdminHttpServer(new HostPort("127.0.0.1", 0), Optional.empty(), new AdminHttpServerTest.ScriptedApi(),
                bus, group, limits).start();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        server.close();
        bus.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        http.close();
    }

    private Socket connect(String fromAddress) throws IOException {
        return connect(fromAddress, 0);
    }

    /** A connection from {@code fromAddress}, with a receive buffer of {@code receiveBuffer} bytes unless 0. */
    private Socket connect(String fromAddress, int receiveBuffer) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.bind(new InetSocketAddress(InetAddress.getByName(fromAddress), 0));
        s.connect(server.address(), 2000);
        s.setSoTimeout(5000);
        sockets.add(s);
        return s;
    }

    /** Reads until the server closes {@code s}; what it sent, or null if it stayed open for the read timeout (5 s). */
    private static String readUntilClosed(Socket s) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try {
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                got.write(buf, 0, n);
            }
            return got.toString(StandardCharsets.UTF_8);
        } catch (SocketTimeoutException stillOpen) {
            return null;
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void connectionsOverThePerSourceAndTotalLimitsAreClosedAndHealthStillAnswers() throws Exception {
        startServer(PATIENT);
        long before = SecurityEvent.HTTP_CONNECTION_REFUSED.total();
        for (int i = 0; i < 3; i++) {
            connect("127.0.0.2");
        }
        assertThat(readUntilClosed(connect("127.0.0.2"))).as("a fourth from one source").isEmpty();
        for (int i = 0; i < 3; i++) {
            connect("127.0.0.3");
        }
        assertThat(readUntilClosed(connect("127.0.0.4"))).as("a seventh in all").isEmpty();
        assertThat(SecurityEvent.HTTP_CONNECTION_REFUSED.total() - before).isEqualTo(2);
        sockets.get(0).close();
        await().atMost(Duration.ofSeconds(3)).until(() -> server.openConnections() == 5);
        assertThat(get("/v1/health").statusCode()).as("a place freed is given again").isEqualTo(200);
    }

    @Test
    void aRequestTrickledInTooSlowlyAndAnIdleConnectionAreClosed() throws Exception {
        startServer(LIMITS);
        long before = SecurityEvent.HTTP_TIMEOUT.total();
        Socket slow = connect("127.0.0.1");
        slow.getOutputStream().write("GET /v1/health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
        long started = System.nanoTime();
        assertThat(readUntilClosed(slow)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));

        Socket idle = connect("127.0.0.1");
        idle.getOutputStream().write("GET /livez HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(readUntilClosed(idle)).as("answered, then closed when idle").startsWith("HTTP/1.1 200 OK").endsWith("ok\n");
        assertThat(SecurityEvent.HTTP_TIMEOUT.total() - before).isEqualTo(2);
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedWithoutCostingAReaderItsEvents() throws Exception {
        startServer(PATIENT);
        long refusedBefore = SecurityEvent.EVENT_SUBSCRIBER_REFUSED.total();
        Socket stalled = connect("127.0.0.2", 4096);
        stalled.getOutputStream().write("GET /v1/events HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        AtomicInteger received = new AtomicInteger();
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.address().getPort() + "/v1/events")).build(), HttpResponse.BodyHandlers.ofInputStream());
        Thread reader = Thread.ofPlatform().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("data: ")) {
                        received.incrementAndGet();
                    }
                }
            } catch (IOException closed) {
                // the server closes the stream at the end of the test
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> bus.subscriberCount() == 2);

        String body = "{\"pad\":\"" + "x".repeat(4000) + "\"}";
        int events = 3000;
        for (int i = 0; i < events; i++) {
            bus.publish(Event.json("call::test", "u" + i, body));
            if (i % 2 == 0) {
                Thread.sleep(1);   // a busy gateway's pace (4 MB/s here), not one burst: a reader keeps up
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> received.get() == events);
        await().atMost(Duration.ofSeconds(5)).until(() -> bus.subscriberCount() == 1);
        assertThat(bus.droppedCount()).as("events the stalled client missed are counted").isPositive();
        assertThat(SecurityEvent.EVENT_SUBSCRIBER_REFUSED.total() - refusedBefore).isEqualTo(1);
        String tail = readUntilClosed(stalled);
        assertThat(tail).as("the stalled client's stream ends with the overflow message").isNotNull()
                .contains("event: audio_stream::overflow\ndata: {\"reason\":\"subscriber fell behind\",\"queue\":512,");
        server.close();
        reader.join(2000);
    }

    @Test
    void eventStreamsBeyondTheLimitAre503() throws Exception {
        startServer(PATIENT);
        for (int i = 0; i < 3; i++) {
            connect("127.0.0." + (i + 2)).getOutputStream()
                    .write("GET /v1/events HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> bus.subscriberCount() == 3);
        HttpResponse<String> refused = get("/v1/events");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).isEqualTo("-ERR too many event streams (max 3)\n");
    }
}
