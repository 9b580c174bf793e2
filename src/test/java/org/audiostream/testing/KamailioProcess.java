package org.audiostream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
