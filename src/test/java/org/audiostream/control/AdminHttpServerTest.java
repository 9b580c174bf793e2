package org.audiostream.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.audiostream.config.HostPort;
import org.audiostream.config.Secret;
import org.audiostream.event.Event;
import org.audiostream.event.EventBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminHttpServerTest {

    /** Records what the server asked for and answers from a script. */
    static final class ScriptedApi implements AdminApi {
        final List<String> commands = new CopyOnWriteArrayList<>();
        volatile boolean ready = true;

        @Override
        public String execute(String commandLine) {
            commands.add(commandLine);
            return commandLine.contains("nosuch") ? "-ERR no such session nosuch" : "+OK Success";
        }

        @Override
        public String execute(String uuid, String action, Map<String, String> args) {
            commands.add(uuid + " " + action + " " + args);
            return "+OK Success";
        }

        @Override
        public String sessionsJson() {
            return "[]";
        }

        @Override
        public Optional<String> sessionHealthJson(String uuid) {
            return uuid.equals("u1") ? Optional.of("{\"health\":\"HEALTHY\"}") : Optional.empty();
        }

        @Override
        public String globalHealthJson() {
            return "{\"healthy\":0}";
        }

        @Override
        public boolean ready() {
            return ready;
        }

        @Override
        public String metrics() {
            return "# HELP x\n";
        }
    }

    private EventLoopGroup group;
    private EventBus bus;
    private AdminHttpServer server;
    private final ScriptedApi api = new ScriptedApi();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        bus = new EventBus();
        server = new AdminHttpServer(new HostPort("127.0.0.1", 0), Optional.of(new Secret("t0ken-abc")), api, bus, group).start();
    }

    @AfterEach
    void stop() {
        server.close();
        bus.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        http.close();
    }

    private HttpResponse<String> send(String method, String path, String body, boolean auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (auth) {
            b.header("Authorization", "Bearer t0ken-abc");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void probesNeedNoTokenAndReadinessFollowsDraining() throws Exception {
        assertThat(send("GET", "/livez", null, false).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/readyz", null, false).statusCode()).isEqualTo(200);
        api.ready = false;
        HttpResponse<String> r = send("GET", "/readyz", null, false);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).isEqualTo("draining\n");
    }

    @Test
    void everythingElseNeedsTheBearerToken() throws Exception {
        HttpResponse<String> r = send("POST", "/api", "u1 pause", false);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(api.commands).isEmpty();
    }

    @Test
    void apiCommandsAndRestActionsReachTheApiWithStatusByReply() throws Exception {
        HttpResponse<String> ok = send("POST", "/api", "uuid_audio_stream u1 stop bye now\n", true);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("+OK Success\n");
        assertThat(send("POST", "/api", "nosuch pause", true).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/v1/sessions/u1/start", "{\"url\":\"ws://h/\",\"mix\":\"mono\",\"rate\":16000}", true).statusCode())
                .isEqualTo(200);
        assertThat(api.commands).containsExactly("uuid_audio_stream u1 stop bye now", "nosuch pause",
                "u1 start {url=ws://h/, mix=mono, rate=16000}");
        HttpResponse<String> bad = send("POST", "/v1/sessions/u1/start", "{not json", true);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).startsWith("-ERR request body is not valid JSON");
    }

    @Test
    void healthSessionsMetricsAndUnknownRoutes() throws Exception {
        assertThat(send("GET", "/v1/sessions/u1/health", null, true).body()).isEqualTo("{\"health\":\"HEALTHY\"}");
        assertThat(send("GET", "/v1/sessions/u2/health", null, true).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/v1/health", null, true).body()).isEqualTo("{\"healthy\":0}");
        assertThat(send("GET", "/v1/sessions", null, true).body()).isEqualTo("[]");
        assertThat(send("GET", "/metrics", null, true).body()).startsWith("# HELP");
        HttpResponse<String> none = send("DELETE", "/v1/sessions", null, true);
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.body()).isEqualTo("-ERR no route for DELETE /v1/sessions\n");
    }

    @Test
    void eventStreamDeliversFilteredEventsAsServerSentEvents() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort()
                + "/v1/events?uuid=u1&subclass=mod_audio_stream::")).header("Authorization", "Bearer t0ken-abc").build();
        HttpResponse<java.io.InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(resp.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(resp.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (Exception closed) {
                // the test ends the stream by stopping the server
            }
        });
        reader.start();
        await().until(() -> bus.subscriberCount() == 1);
        bus.publish(Event.json("call::hangup", "u1", "{}"));
        bus.publish(Event.json("mod_audio_stream::connect", "u2", "{}"));
        bus.publish(Event.json("mod_audio_stream::connect", "u1", "{\"status\":\"connected\"}"));
        await().until(() -> lines.stream().anyMatch(l -> l.startsWith("data:")));
        assertThat(lines).contains("event: mod_audio_stream::connect");
        assertThat(lines.stream().filter(l -> l.startsWith("data:")).toList()).singleElement().asString()
                .contains("\"session_uuid\":\"u1\"").contains("\"body\":{\"status\":\"connected\"}");
        server.close();
        reader.join(2000);
        await().until(() -> bus.subscriberCount() == 0);
    }

    @Test
    void eventStreamDeliversFilteredEventsOverAWebSocket() throws Exception {
        List<String> frames = new CopyOnWriteArrayList<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                frames.add(data.toString());
                ws.request(1);
                return null;
            }
        };
        URI events = URI.create("ws://127.0.0.1:" + server.address().getPort()
                + "/v1/events?uuid=u1&subclass=mod_audio_stream::,dtmf");
        WebSocket ws = http.newWebSocketBuilder().header("Authorization", "Bearer t0ken-abc")
                .buildAsync(events, listener).get(5, TimeUnit.SECONDS);
        await().until(() -> bus.subscriberCount() == 1);
        bus.publish(Event.json("call::hangup", "u1", "{}"));
        bus.publish(Event.json("mod_audio_stream::connect", "u2", "{}"));
        bus.publish(Event.json("mod_audio_stream::connect", "u1", "{\"status\":\"connected\"}"));
        bus.publish(Event.json("dtmf", "u1", "{\"digit\":\"5\",\"duration_ms\":\"120\"}"));
        await().until(() -> frames.size() == 2);
        assertThat(frames.get(0)).contains("\"event\":\"mod_audio_stream::connect\"", "\"session_uuid\":\"u1\"",
                "\"body\":{\"status\":\"connected\"}");
        assertThat(frames.get(1)).contains("\"event\":\"dtmf\"", "\"digit\":\"5\"");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        await().until(() -> bus.subscriberCount() == 0);
        assertThat(frames).hasSize(2);
    }

    @Test
    void eventStreamWebSocketNeedsTheBearerToken() {
        URI events = URI.create("ws://127.0.0.1:" + server.address().getPort() + "/v1/events");
        assertThat(http.newWebSocketBuilder().buildAsync(events, new WebSocket.Listener() { }))
                .failsWithin(5, TimeUnit.SECONDS).withThrowableThat().havingRootCause()
                .withMessageContaining("401");
    }
}
