package org.audiostream.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * One RTP socket I/O design under test: N loopback "calls", each receiving the load sender's
 * packets and sending one 172-byte RTP packet back per 20 ms tick, driven by a media-clock thread
 * on absolute deadlines like {@code ClockShard}; it counts packets and records tick lateness.
 *
 * <p>Threads: {@link #bind}, {@link #start}, {@link #stop} and the getters are called by the
 * benchmark's main thread; {@link #tick} runs on the design's own tick thread, which publishes its
 * counters once per tick through volatile fields (single writer).
 */
abstract class RtpIoDesign implements AutoCloseable {

    static final long PERIOD_NANOS = 20_000_000L;
    static final int PACKET_LENGTH = 172;
    static final int PAYLOAD_LENGTH = PACKET_LENGTH - 12;

    private final String name;
    private final long[] lateness = new long[1 << 16];
    private volatile int latenessCount;
    private volatile boolean recording;
    private volatile boolean running = true;
    private volatile long received;
    private volatile long sent;
    /** Call i sends to {@code peers[i]}; set before the tick thread starts. */
    protected InetSocketAddress[] peers;
    private Thread tickThread;

    RtpIoDesign(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Opens {@code n} call sockets on 127.0.0.1 and returns their addresses, call by call. */
    abstract List<InetSocketAddress> bind(int n) throws IOException, InterruptedException;

    /**
     * One 20 ms tick for every call: takes the packets that arrived and sends one to the call's peer.
     *
     * @param tickIndex 0 for the first tick (sequence numbers follow it)
     * @return packets received (low 32 bits) and sent (high 32 bits)
     */
    abstract long tick(int tickIndex);

    /** Starts the tick thread; each call sends to {@code peers.get(i)}. */
    void start(List<InetSocketAddress> peers) {
        this.peers = peers.toArray(InetSocketAddress[]::new);
        tickThread = new Thread(this::runTicks, "rtpio-tick-" + name);
        tickThread.start();
    }

    /** The tick thread first, then any I/O thread of the design's own (B: the event loop). */
    List<Long> ioThreadIds() {
        List<Long> ids = new ArrayList<>();
        ids.add(tickThread.threadId());
        ids.addAll(extraThreadIds());
        return ids;
    }

    /** Threads besides the tick thread that do this design's socket I/O; none by default. */
    List<Long> extraThreadIds() {
        return List.of();
    }

    private void runTicks() {
        long deadline = System.nanoTime() + PERIOD_NANOS;
        long rx = 0;
        long tx = 0;
        int tickIndex = 0;
        while (running) {
            long now;
            while ((now = System.nanoTime()) < deadline) {
                LockSupport.parkNanos(deadline - now);
            }
            if (recording && latenessCount < lateness.length) {
                lateness[latenessCount] = now - deadline;
                latenessCount = latenessCount + 1;
            }
            long counts = tick(tickIndex++);
            rx += counts & 0xFFFF_FFFFL;
            tx += counts >>> 32;
            received = rx;
            sent = tx;
            deadline += PERIOD_NANOS;
        }
    }

    /** Starts (or stops) recording each tick's lateness (start minus deadline). */
    void recordLateness(boolean on) {
        recording = on;
    }

    /** Stops ticking after the current tick and waits for the tick thread. */
    void stop() throws InterruptedException {
        running = false;
        tickThread.join();
    }

    long received() {
        return received;
    }

    long sent() {
        return sent;
    }

    /** Recorded tick lateness in nanoseconds, sorted; call after {@link #stop}. */
    long[] sortedLateness() {
        long[] copy = Arrays.copyOf(lateness, latenessCount);
        Arrays.sort(copy);
        return copy;
    }

    @Override
    public abstract void close() throws IOException, InterruptedException;
}
