package org.audiostream.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A python3-websockets server run as a child process: the recording server
 * ({@code src/test/resources/ws/recording_server.py}) or another script with the same stdout and command
 * contract (the Twilio Media Streams app {@code twilio_app.py}); its JSON-lines stdout is collected as events.
 * Started with {@code --commands}, it also sends what {@link #sendText} asks, on its newest connection. Threads: a reader thread appends; tests read and
 * send (sending is synchronized).
 */
public final class PythonWsServer implements AutoCloseable {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String RECORDING_SERVER = "recording_server.py";

    private final Process process;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private final int port;
    private final Writer commands;
    private final AtomicInteger commandIds = new AtomicInteger();

    private PythonWsServer(String script, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-u", script(script).toString()));
        command.addAll(args);
        File log = new File("target/python-ws-" + ProcessHandle.current().pid() + ".log");
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log)).start();
        commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        reader = Thread.ofPlatform().daemon().name("python-ws-reader").start(this::readLines);
        JsonNode listening = await(e -> e.get("event").asString().equals("listening"), Duration.ofSeconds(10));
        port = listening.get("port").asInt();
    }

    public static PythonWsServer start(String... args) throws IOException, InterruptedException {
        return new PythonWsServer(RECORDING_SERVER, List.of(args));
    }

    /** Runs the test resource {@code /ws/<script>} instead of the recording server. */
    public static PythonWsServer startScript(String script, String... args) throws IOException, InterruptedException {
        return new PythonWsServer(script, List.of(args));
    }

    public static PythonWsServer startOnPort(int port, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("--port", String.valueOf(port)));
        all.addAll(List.of(args));
        return new PythonWsServer(RECORDING_SERVER, all);
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

    /** Frames of connection {@code conn} of one type ({@code text} or {@code binary}), in arrival order. */
    public List<JsonNode> frames(int conn, String type) {
        return frames(conn).stream().filter(e -> e.get("type").asString().equals(type)).toList();
    }

    /**
     * Sends {@code text} as one text frame on the newest open connection (needs {@code --commands}) and waits
     * until the server has written it.
     *
     * @return the server's {@code sent} event; its {@code conn} is 0 if no connection was open
     */
    public JsonNode sendText(String text) {
        return sendTexts(List.of(text));
    }

    /** Sends every text in order, as {@link #sendText} does, without waiting in between; waits for the last. */
    public JsonNode sendTexts(List<String> texts) {
        return commands(texts.stream().map(t -> MAPPER.createObjectNode().put("text", t)).toList());
    }

    /** Sends each array as one binary frame, in order, on the newest open connection; waits for the last. */
    public JsonNode sendBinaries(List<byte[]> frames) {
        return commands(frames.stream()
                .map(b -> MAPPER.createObjectNode().put("binary_b64", Base64.getEncoder().encodeToString(b))).toList());
    }

    /** Closes the newest open connection with {@code code} (a close frame, then TCP); waits until done. */
    public JsonNode closeNewest(int code) {
        return commands(List.of(MAPPER.createObjectNode().put("close", code)));
    }

    private synchronized JsonNode commands(List<ObjectNode> commandList) {
        int last = 0;
        try {
            for (ObjectNode c : commandList) {
                last = commandIds.incrementAndGet();
                commands.write(MAPPER.writeValueAsString(c.put("id", last)) + "\n");
            }
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("python server command failed (started without --commands?)", e);
        }
        int id = last;
        return await(e -> e.get("event").asString().equals("sent") && e.get("id").asInt() == id, Duration.ofSeconds(10));
    }

    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        try {
            commands.close();
        } catch (IOException e) {
            // the process is gone already
        }
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

    private static Path script(String name) {
        try {
            return Path.of(PythonWsServer.class.getResource("/ws/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
