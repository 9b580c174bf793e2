package org.audiostream.fakes.tts;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for ElevenLabs' HTTP streaming TTS ({@code POST /v1/text-to-speech/<voice>/stream}) and its
 * multi-context WebSocket input streaming ({@code /multi-stream-input}, {@link FakeElevenLabsMultiStream}), and
 * OpenAI's speech endpoint ({@code POST /v1/audio/speech}, raw PCM or SSE), speaking {@link FakeTtsVoice} in the
 * requested format. Each request is answered as the next scripted {@link TtsFault} says ({@link #fail}), else
 * as the standing one ({@link #failAlways}, default {@link TtsFault#NONE}): an error status with the real error
 * body, no answer, a stall after the first chunk, a slow drip, or a cut in the middle.
 *
 * <p>Threads: one Netty event loop (thread {@code fake-tts-<n>-…}, daemon); every public method is thread-safe;
 * {@link #close} must not be called from the loop.
 */
public final class FakeTtsServer implements AutoCloseable {

    private static final AtomicInteger SERVERS = new AtomicInteger();
    private static final int MAX_BODY = 1 << 20;

    private final String elevenLabsKey;
    private final String openAiKey;
    private final EventLoopGroup group;
    private final Channel listener;
    private final Set<Channel> connections = ConcurrentHashMap.newKeySet();
    private final List<FakeTtsRequest> requests = new ArrayList<>();
    private final List<String> streamInput = new ArrayList<>();
    private int streamInputConnections;
    private final ArrayDeque<TtsFault> scripted = new ArrayDeque<>();
    private TtsFault standing = TtsFault.NONE;
    private volatile double speed = 8.0;
    private volatile int firstByteDelayMs;

    private FakeTtsServer(String elevenLabsKey, String openAiKey) {
        this.elevenLabsKey = elevenLabsKey;
        this.openAiKey = openAiKey;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("fake-tts-" + SERVERS.incrementAndGet(), true),
                NioIoHandler.newFactory());
        try {
            this.listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            connections.add(ch);
                            ch.closeFuture().addListener(f -> connections.remove(ch));
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY),
                                    new FakeTtsHandler(FakeTtsServer.this));
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
            throw new IllegalStateException("fake TTS server cannot listen: " + e, e);
        }
    }

    /** A server on a free loopback port accepting {@code apiKey} as both ElevenLabs and OpenAI key. */
    public static FakeTtsServer start(String apiKey) {
        return new FakeTtsServer(apiKey, apiKey);
    }

    /** A server accepting {@code elevenLabsKey} ({@code xi-api-key}) and {@code openAiKey} (bearer). */
    public static FakeTtsServer start(String elevenLabsKey, String openAiKey) {
        return new FakeTtsServer(elevenLabsKey, openAiKey);
    }

    /** The ElevenLabs API base, for {@code AUDIO_STREAM_AI_ELEVENLABS_URL}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** The OpenAI speech endpoint, for {@code AUDIO_STREAM_AI_OPENAI_TTS_URL}. */
    public String openAiSpeechUrl() {
        return baseUrl() + "/v1/audio/speech";
    }

    String apiKey(boolean elevenLabs) {
        return elevenLabs ? elevenLabsKey : openAiKey;
    }

    /** The next {@code times} requests are answered with {@code fault}. */
    public synchronized void fail(TtsFault fault, int times) {
        for (int i = 0; i < times; i++) {
            scripted.addLast(fault);
        }
    }

    /** Every request without a scripted fault is answered with {@code fault} ({@link TtsFault#NONE} to heal). */
    public synchronized void failAlways(TtsFault fault) {
        standing = fault;
    }

    /** How much faster than real time audio is streamed (default 8). */
    public void speed(double timesRealTime) {
        this.speed = timesRealTime;
    }

    /** Time to first byte: before the response headers, or from a WebSocket context's generation to its audio. */
    public void firstByteDelayMs(int ms) {
        this.firstByteDelayMs = ms;
    }

    double speed() {
        return speed;
    }

    int firstByteDelayMs() {
        return firstByteDelayMs;
    }

    synchronized TtsFault nextFault() {
        TtsFault f = scripted.pollFirst();
        return f != null ? f : standing;
    }

    synchronized void record(FakeTtsRequest request) {
        requests.add(request);
    }

    synchronized void streamInputOpened() {
        streamInputConnections++;
    }

    synchronized void recordStreamInput(String message) {
        streamInput.add(message);
    }

    /** How many multi-stream-input connections were opened. */
    public synchronized int streamInputConnections() {
        return streamInputConnections;
    }

    /** Every message received on the multi-stream-input connections, exactly as received, in arrival order. */
    public synchronized List<String> streamInputMessages() {
        return List.copyOf(streamInput);
    }

    /** Connections open now, of every kind (HTTP and WebSocket). */
    public int openConnections() {
        return connections.size();
    }

    /** Drops every open connection, as a network failure would (no close frame). */
    public void dropConnections() {
        connections.forEach(Channel::close);
    }

    /** Every request so far, in arrival order (on multi-stream-input: every generation). */
    public synchronized List<FakeTtsRequest> requests() {
        return List.copyOf(requests);
    }

    /** The requests to {@code service} ({@code elevenlabs}, {@code elevenlabs-ws} or {@code openai}). */
    public synchronized List<FakeTtsRequest> requests(String service) {
        return requests.stream().filter(r -> r.service().equals(service)).toList();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        connections.forEach(Channel::close);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
