package org.audiostream.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A load tool in its own process, driven by one-line commands on its stdin and answering with one
 * line each on its stdout (the C tools of BM-19). Its stderr goes to a file. Threads: one reader
 * thread per process moves stdout lines into a queue; the methods are for one driving thread.
 */
final class ToolProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ToolProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofPlatform().daemon().name(name + "-stdout").start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ended) {
                // the process went away; close() reports its exit
            }
        });
    }

    static ToolProcess start(String name, List<String> command, Path stderr) throws IOException {
        Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        return new ToolProcess(name, p);
    }

    long pid() {
        return process.pid();
    }

    /** The next line the tool prints, waiting up to {@code timeout}. */
    String readLine(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new IllegalStateException(name + " printed nothing within " + timeout + " (alive=" + process.isAlive() + ")");
        }
        return line;
    }

    /** Sends {@code command} and returns the one line it answers (a starved tool may take a while). */
    String ask(String command) throws IOException, InterruptedException {
        send(command);
        return readLine(Duration.ofSeconds(60));
    }

    void send(String command) throws IOException {
        stdin.write(command + "\n");
        stdin.flush();
    }

    /** Sends {@code quit}, then kills the process if it has not exited within 5 s. */
    @Override
    public void close() throws InterruptedException {
        try {
            send("quit");
        } catch (IOException alreadyGone) {
            // exited already
        }
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
