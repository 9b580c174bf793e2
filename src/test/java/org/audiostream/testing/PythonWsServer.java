package org.audiostream.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A python3-websockets recording server ({@code src/test/resources/ws/recording_server.py}) run as a child
 * process; its JSON-lines stdout is collected as events. Threads: a reader thread appends; tests read.
 */
public final class PythonWsServer implements AutoCloseable {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final Process process;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private final int port;

    private PythonWsServer(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-u", script().toString()));
        command.addAll(args);
        File log = new File("target/python-ws-" + ProcessHandle.current().pid() + ".log");
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log)).start();
        reader = Thread.ofPlatform().daemon().name("python-ws-reader").start(this::readLines);
        JsonNode listening = await(e -> e.get("event").asString().equals("listening"), Duration.ofSeconds(10));
        port = listening.get("port").asInt();
    }

    public static PythonWsServer start(String... args) throws IOException, InterruptedException {
        return new PythonWsServer(List.of(args));
    }

    public static PythonWsServer startOnPort(int port, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("--port", String.valueOf(port)));
        all.addAll(List.of(args));
        return new PythonWsServer(all);
    }

    public int port() {
        return port;
    }

    public String url(String pathAndQuery) {
        return "ws://127.0.0.1:" + port + pathAndQuery;
    }

    public List<JsonNode> events() {
        return List.copyOf(events);
    }

    public List<JsonNode> events(String kind) {
        return events.stream().filter(e -> e.get("event").asString().equals(kind)).toList();
    }

    /** Frames of connection {@code conn}, in arrival order. */
    public List<JsonNode> frames(int conn) {
        return events("frame").stream().filter(e -> e.get("conn").asInt() == conn).toList();
    }

    public JsonNode await(Predicate<JsonNode> match, Duration timeout) {
        return Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(10))
                .until(() -> events.stream().filter(match).findFirst().orElse(null), e -> e != null);
    }

    public void awaitCount(String kind, int count, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(10))
                .until(() -> events(kind).size() >= count);
    }

    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            reader.join(5000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                events.add(MAPPER.readTree(line));
            }
        } catch (IOException e) {
            // process ended
        }
    }

    private static Path script() {
        try {
            return Path.of(PythonWsServer.class.getResource("/ws/recording_server.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
