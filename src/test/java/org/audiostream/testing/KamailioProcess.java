package org.audiostream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Debian's {@code kamailio} running {@code deploy/kamailio/kamailio.cfg} on a free loopback port, with a
 * dispatcher list of the given gateways and a probe every second. Its log goes to
 * {@code target/kamailio/<name>/kamailio.log}.
 *
 * <p>Threads: started and closed by the test thread.
 */
public final class KamailioProcess implements AutoCloseable {

    public static final Path KAMAILIO = Path.of("/usr/sbin/kamailio");
    private static final Path CONFIG = Path.of("deploy/kamailio/kamailio.cfg");

    static final int EXCERPT_LINES = 40;
    static final int EXCERPT_CHARS = 4_000;
    /** Kamailio's log lines read {@code " 4(7665) NOTICE: <script>: ..."}; the level follows the process. */
    private static final Pattern ABOVE_INFO = Pattern.compile("^\\s*\\d+\\(\\d+\\) (?:NOTICE|WARNING|ERROR|CRITICAL|ALERT|BUG):");

    private final Process process;
    private final InetSocketAddress address;
    private final Path dir;

    private KamailioProcess(Process process, InetSocketAddress address, Path dir) {
        this.process = process;
        this.address = address;
        this.dir = dir;
    }

    /** Starts Kamailio in front of {@code gateways} (their SIP addresses, all in dispatcher set 1). */
    public static KamailioProcess start(String name, List<InetSocketAddress> gateways) throws IOException {
        Path dir = Path.of("target/kamailio", name).toAbsolutePath();
        Files.createDirectories(dir);
        Path list = dir.resolve("dispatcher.list");
        Files.writeString(list, gateways.stream().map(g -> "1 sip:" + g.getHostString() + ":" + g.getPort())
                .collect(Collectors.joining("\n", "", "\n")));
        Path runtime = Files.createDirectories(dir.resolve("run"));
        int port = SippRunner.freePort();
        Process p = new ProcessBuilder(KAMAILIO.toString(), "-DD", "-E", "-f", CONFIG.toAbsolutePath().toString(),
                "-A", "LISTEN=udp:127.0.0.1:" + port, "-A", "DISPATCHER_LIST=\"" + list + "\"", "-A", "DS_PING_INTERVAL=1",
                "-Y", runtime.toString(), "-w", dir.toString(), "-m", "64", "-M", "8")
                .redirectErrorStream(true).redirectOutput(dir.resolve("kamailio.log").toFile()).start();
        return new KamailioProcess(p, new InetSocketAddress("127.0.0.1", port), dir);
    }

    /** Where to send INVITEs. */
    public InetSocketAddress address() {
        return address;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** The log so far, for failure messages. */
    public String log() {
        try {
            return Files.readString(dir.resolve("kamailio.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * For failure messages: the log lines that name one of {@code callIds} or are above INFO (the script's
     * notices, dispatcher and tm warnings, errors), the last {@value #EXCERPT_LINES} of them, at most
     * {@value #EXCERPT_CHARS} characters.
     */
    public String logExcerpt(Collection<String> callIds) {
        List<String> relevant = log().lines()
                .filter(line -> ABOVE_INFO.matcher(line).find() || callIds.stream().anyMatch(line::contains))
                .toList();
        String excerpt = String.join("\n", relevant.subList(Math.max(0, relevant.size() - EXCERPT_LINES), relevant.size()));
        return excerpt.length() <= EXCERPT_CHARS ? excerpt
                : "[" + (excerpt.length() - EXCERPT_CHARS) + " chars left out]\n" + excerpt.substring(excerpt.length() - EXCERPT_CHARS);
    }

    /** SIGTERM to the main process (it stops its children), then SIGKILL to whatever is left. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }
}
