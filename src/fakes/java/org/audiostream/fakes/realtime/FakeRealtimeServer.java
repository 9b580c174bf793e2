package org.audiostream.fakes.realtime;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fake OpenAI Realtime service (GA protocol) on a real WebSocket server, for tests and the demo. It speaks the
 * wire format of the live service as captured on 2026-09-18 and typed by the official SDKs: the upgrade checks
 * with their error events and close codes, {@code session.created} / {@code session.update} with strict shape
 * checks ({@code unknown_parameter} drops a whole update), server VAD on the energy of the appended audio,
 * scripted responses streamed as audio or text deltas faster than real time, barge-in cancellation,
 * truncation bounds, function calls, transcription and rate-limit events, PINGs, session expiry.
 *
 * <pre>{@code
 * try (FakeRealtimeServer fake = FakeRealtimeServer.start(FakeRealtimeConfig.builder().apiKey("sk-test")
 *         .responses(ScriptedResponse.audio(samples24k, "Hello, how can I help?")).build())) {
 *     client.connect(fake.url() + "?model=gpt-realtime-2.1", "Bearer sk-test");
 *     FakeRealtimeSession session = fake.awaitSession(0, Duration.ofSeconds(5));
 *     ...
 * }
 * }</pre>
 *
 * <p>What it does not do: transcription-only sessions ({@code ?intent=transcription}), WebRTC/SIP-only events
 * ({@code output_audio_buffer.*}), MCP tools, conversation item ordering by {@code previous_item_id} (new items
 * always go last), model behaviour beyond the script.
 *
 * <p>Threads: its own Netty event loops ({@link FakeRealtimeConfig#ioThreads()}, named
 * {@code fake-realtime-<n>-…}, daemon); every public method is thread-safe; {@link #close()} must not be called
 * from one of those loops. The script and the transcripts are shared by all sessions of the server.
 */
public final class FakeRealtimeServer implements AutoCloseable {

    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final FakeRealtimeConfig config;
    private final String threadPrefix;
    private final ServerEvents events;
    private final EventLoopGroup group;
    private final Channel listener;
    private final Set<Channel> connections = ConcurrentHashMap.newKeySet();
    private final Queue<Thread> threads = new ConcurrentLinkedQueue<>();
    private final List<FakeRealtimeSession> sessions = new ArrayList<>();
    private final Queue<ScriptedResponse> script;
    private final Queue<String> userTranscripts;
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicLong responseNumbers = new AtomicLong();
    private List<RateLimit> rateLimits;
    private int refusalsLeft;
    private int refusalCode;
    private volatile boolean stalled;

    private FakeRealtimeServer(FakeRealtimeConfig config) {
        this.config = config;
        int number = SERVERS.incrementAndGet();
        this.threadPrefix = "fake-realtime-" + number;
        this.events = new ServerEvents(new Ids(number));
        this.script = new ConcurrentLinkedQueue<>(config.responses());
        this.userTranscripts = new ConcurrentLinkedQueue<>(config.userTranscripts());
        this.rateLimits = config.rateLimits();
        this.group = new MultiThreadIoEventLoopGroup(config.ioThreads(), new DefaultThreadFactory(threadPrefix, true) {
            @Override
            protected Thread newThread(Runnable r, String name) {
                Thread t = super.newThread(r, name);
                threads.add(t);
                return t;
            }
        }, NioIoHandler.newFactory());
        try {
            this.listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                    .childHandler(new RealtimeServerInitializer(this))
                    .bind(new InetSocketAddress(config.host(), config.port())).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
            throw new IllegalStateException("fake Realtime server cannot listen on " + config.host() + ":"
                    + config.port() + ": " + e, e);
        }
    }

    /**
     * Starts a server listening on {@code config.host():config.port()} (port 0: a free one).
     *
     * @throws IllegalStateException if it cannot bind
     */
    public static FakeRealtimeServer start(FakeRealtimeConfig config) {
        return new FakeRealtimeServer(Objects.requireNonNull(config, "config"));
    }

    public FakeRealtimeConfig config() {
        return config;
    }

    /** {@code ws://127.0.0.1:<port>/v1/realtime}; the client appends {@code ?model=…}. */
    public String url() {
        return "ws://" + config.host() + ":" + port() + UpgradeGate.PATH;
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** The prefix of the names of this server's threads. */
    public String threadPrefix() {
        return threadPrefix;
    }

    /** Every upgraded connection not refused by {@link #refuseNext}, in order of arrival. */
    public List<FakeRealtimeSession> sessions() {
        synchronized (sessions) {
            return List.copyOf(sessions);
        }
    }

    /**
     * Waits for session {@code index} (0 is the first) to exist.
     *
     * @throws IllegalStateException if it does not within {@code timeout}
     */
    public FakeRealtimeSession awaitSession(int index, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (sessions) {
            while (sessions.size() <= index) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("fake Realtime: no session #" + index + " within " + timeout
                            + "; sessions=" + sessions.size() + ", connection attempts=" + attempts.get());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(sessions, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for session #" + index, e);
                }
            }
            return sessions.get(index);
        }
    }

    /** Requests for {@code /v1/realtime}, refused ones included. */
    public int connectionAttempts() {
        return attempts.get();
    }

    /** Closes every connection without a close frame (the clients see 1006). */
    public void dropAll() {
        sessions().forEach(FakeRealtimeSession::drop);
    }

    /** Sends a close frame with {@code code} and {@code reason} on every connection, then closes them. */
    public void closeAll(int code, String reason) {
        sessions().forEach(s -> s.close(code, reason));
    }

    /** Ends every session as the service does at its cap: {@code session_expired}, then close 1001. */
    public void expireAll() {
        sessions().forEach(FakeRealtimeSession::expire);
    }

    /**
     * Refuses the next {@code n} connection attempts: with {@code closeCode} 0 the upgrade gets HTTP 503;
     * otherwise it gets its 101 and then, at once, a close frame with {@code closeCode} (no session).
     */
    public synchronized void refuseNext(int n, int closeCode) {
        if (n < 0 || closeCode < 0) {
            throw new IllegalArgumentException("refuseNext needs n >= 0 and closeCode >= 0: n=" + n + ", closeCode="
                    + closeCode);
        }
        refusalsLeft = n;
        refusalCode = closeCode;
    }

    /**
     * Stalls or resumes the whole server: while stalled no session sends any event (responses still advance and
     * their events are lost, as from a hung engine); client frames are still read and recorded, and WebSocket
     * PINGs still go out, so the connection looks alive.
     */
    public void setStalled(boolean stalled) {
        this.stalled = stalled;
    }

    /** Adds scripts to the end of the queue. */
    public void enqueue(ScriptedResponse... responses) {
        script.addAll(List.of(responses));
    }

    /** Scripts not played yet. */
    public int scriptedResponsesLeft() {
        return script.size();
    }

    /** The rate limits as the next {@code rate_limits.updated} will start from. */
    public synchronized List<RateLimit> rateLimits() {
        return rateLimits;
    }

    /**
     * Stops listening, closes every session with 1001 "server shutting down" (as a server going down does;
     * {@link #dropAll()} is the abrupt variant) and waits up to 1 s for the clients' replies, closes any other
     * connection, stops the event loops and waits up to 5 s for each of their threads to end. When it returns,
     * the port is free and no thread of this server is alive.
     */
    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        sessions().forEach(s -> s.close(1001, "server shutting down"));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FakeRealtimeSession.CLOSE_GRACE_MS);
        while (!connections.isEmpty() && System.nanoTime() < deadline) {
            // the clients answer the close frames; their sockets leave the set
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        connections.forEach(Channel::close);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        try {
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(5)); // termination is signalled just before the thread ends
                if (t.isAlive()) {
                    throw new IllegalStateException("fake Realtime thread did not stop within 5 s: " + t.getName());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ package: for the handlers and sessions

    ServerEvents events() {
        return events;
    }

    boolean stalled() {
        return stalled;
    }

    void onConnectionOpened(Channel channel) {
        connections.add(channel);
        channel.closeFuture().addListener(f -> connections.remove(channel));
    }

    int openConnections() {
        return connections.size();
    }

    /** Counts an attempt; returns the refusal to apply: -1 none, 0 HTTP 503, else a close code. */
    synchronized int onUpgradeAttempt() {
        attempts.incrementAndGet();
        if (refusalsLeft == 0) {
            return -1;
        }
        refusalsLeft--;
        return refusalCode;
    }

    FakeRealtimeSession register(Channel channel, String uri, HttpHeaders headers) {
        synchronized (sessions) {
            FakeRealtimeSession session = new FakeRealtimeSession(this, channel, sessions.size(), uri, headers);
            sessions.add(session);
            sessions.notifyAll();
            return session;
        }
    }

    /** The next script, or the default reply when none is left. */
    ScriptedResponse nextScript() {
        ScriptedResponse next = script.poll();
        return next != null ? next : ScriptedResponse.defaultReply();
    }

    String nextUserTranscript(String fallback) {
        String next = userTranscripts.poll();
        return next != null ? next : fallback;
    }

    long nextResponseNumber() {
        return responseNumbers.incrementAndGet();
    }

    /** Takes one request and {@code tokens} off the limits and returns them as they now stand. */
    synchronized List<RateLimit> consumeRateLimits(long tokens) {
        rateLimits = rateLimits.stream().map(l -> l.consume(1, tokens)).toList();
        return rateLimits;
    }
}
