package org.audiostream.stream.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.audiostream.testing.PythonWsServer;

/**
 * Per-test event loops, breakers, python servers and clients; {@link #close()} stops the clients, shuts the
 * loops down, kills the servers and asserts that no loop thread and no server process is left.
 */
final class WsTestHarness implements AutoCloseable {

    private static final AtomicInteger IDS = new AtomicInteger();

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID); // leaks are logged as "LEAK:"
    }

    final String threadPrefix = "ws-it-" + IDS.incrementAndGet();
    private final Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory(threadPrefix, true),
            NioIoHandler.newFactory());
    final TargetBreakers breakers;
    final WsClientResources resources;
    private final List<PythonWsServer> servers = new ArrayList<>();
    private final List<WsStreamClient> clients = new ArrayList<>();

    WsTestHarness() {
        this(BreakerPolicy.DEFAULT);
    }

    WsTestHarness(BreakerPolicy policy) {
        breakers = new TargetBreakers(policy, System::nanoTime, 100, BreakerListener.NONE);
        resources = WsClientResources.of(group, breakers);
    }

    PythonWsServer server(String... args) throws IOException, InterruptedException {
        PythonWsServer s = PythonWsServer.start(args);
        servers.add(s);
        return s;
    }

    PythonWsServer serverOnPort(int port, String... args) throws IOException, InterruptedException {
        PythonWsServer s = PythonWsServer.startOnPort(port, args);
        servers.add(s);
        return s;
    }

    WsStreamClient client(WsClientConfig config, WsStreamListener listener) {
        WsStreamClient c = new WsStreamClient(config, resources, listener);
        clients.add(c);
        return c;
    }

    /** A client that speaks {@code wire}'s dialect. */
    WsStreamClient client(WsClientConfig config, WsStreamListener listener, WireEncoder wire) {
        WsStreamClient c = new WsStreamClient(config, resources, listener, wire);
        clients.add(c);
        return c;
    }

    static void awaitClosed(WsStreamClient client, Duration timeout) {
        assertThat(client.closeFuture().awaitUninterruptibly(timeout.toMillis())).as("client closed").isTrue();
    }

    @Override
    public void close() {
        for (WsStreamClient c : clients) {
            c.stop(null);
        }
        for (WsStreamClient c : clients) {
            c.closeFuture().awaitUninterruptibly(5000);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        for (PythonWsServer s : servers) {
            s.close();
            assertThat(s.alive()).as("python server killed").isFalse();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((liveLoopThreads() > 0 || !leftoverThreads().isEmpty()) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000);
        }
        assertThat(liveLoopThreads()).as("event loop threads left").isZero();
        assertThat(leftoverThreads()).as("threads started by this test and still alive").isEmpty();
    }

    /**
     * Threads that appeared during the test and are still alive, except JDK and Netty singletons that outlive
     * any one test by design: the JDK's {@code process reaper} (child-process waiter) and Netty's
     * {@code globalEventExecutor} (stops itself after one idle second).
     */
    private List<String> leftoverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !threadsBefore.contains(t))
                .map(Thread::getName)
                .filter(n -> !n.equals("process reaper") && !n.startsWith("globalEventExecutor-"))
                .toList();
    }

    private long liveLoopThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(threadPrefix)).count();
    }
}
