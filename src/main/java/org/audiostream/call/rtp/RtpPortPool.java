package org.audiostream.call.rtp;

import java.io.IOException;
import java.net.BindException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

/**
 * Leases RTP port pairs from the configured range ({@code rtp.ports}, default
 * {@value #DEFAULT_RANGE}): RTP on the even port, RTCP on the next odd one (RFC 3550 §11). Free
 * pairs wait in release order. A plain pool hands out the least recently released pair; a
 * {@linkplain #RtpPortPool(int, int, RandomGenerator) randomised} one (the gateway's) picks at random
 * among the older half of the free pairs, so that nobody can guess the next call's port from the last
 * one's, while a pair just released still rests (a stale packet of an ended call is unlikely to reach
 * a new one). {@link #bind} skips pairs that another process holds and tries the next.
 *
 * <p>Threads: thread-safe (the random generator is used under the pool's lock); any thread may lease
 * and release. A {@link Lease} is released exactly once however often it is closed.
 */
public final class RtpPortPool {

    /** Default {@code rtp.ports}. */
    public static final String DEFAULT_RANGE = "20000-29999";
    /** Pairs {@link #bind} tries before giving up. */
    static final int MAX_BIND_ATTEMPTS = 64;

    private final int firstPort;
    private final int lastPort;
    private final String range;
    /** Free pair indexes in release order (a ring from {@code head}). */
    private final int[] free;
    /** Picks among the older half of the free pairs, or {@code null} to take the oldest. */
    private final RandomGenerator random;
    private int head;
    private int freeCount;
    private long bindFailures;

    /** A pool that leases in order: the range's first pair first, then always the least recently released. */
    public RtpPortPool(int firstPort, int lastPort) {
        this(firstPort, lastPort, null);
    }

    /**
     * @param firstPort first RTP port, even
     * @param lastPort last port of the range (inclusive); an odd count leaves the last port unused
     * @param random picks each lease among the older half of the free pairs; {@code null} leases in order
     */
    public RtpPortPool(int firstPort, int lastPort, RandomGenerator random) {
        this.range = firstPort + "-" + lastPort;
        if (firstPort < 1 || lastPort > 65535 || firstPort > lastPort) {
            throw new IllegalArgumentException("rtp.ports=" + range + " must be a range within 1-65535");
        }
        if (firstPort % 2 != 0) {
            throw new IllegalArgumentException("rtp.ports=" + range + " must start on an even port (RTP even, RTCP odd)");
        }
        int pairs = (lastPort - firstPort + 1) / 2;
        if (pairs < 1) {
            throw new IllegalArgumentException("rtp.ports=" + range + " gives 0 port pairs; need at least 1");
        }
        this.firstPort = firstPort;
        this.lastPort = firstPort + 2 * pairs - 1;
        this.free = new int[pairs];
        for (int i = 0; i < pairs; i++) {
            free[i] = i;
        }
        this.freeCount = pairs;
        this.random = random;
    }

    /** Parses {@code "first-last"}, e.g. {@value #DEFAULT_RANGE}. */
    public static RtpPortPool parse(String range) {
        int dash = range.indexOf('-');
        try {
            if (dash > 0) {
                return new RtpPortPool(Integer.parseInt(range.substring(0, dash).trim()),
                        Integer.parseInt(range.substring(dash + 1).trim()));
            }
        } catch (NumberFormatException e) {
            // reported below with the expected form
        }
        throw new IllegalArgumentException("rtp.ports=" + range + " is not a port range like " + DEFAULT_RANGE);
    }

    /**
     * Leases a pair without binding it: the least recently released, or a random one of the older half.
     *
     * @throws PortPoolExhaustedException if every pair is leased
     */
    public Lease allocate() throws PortPoolExhaustedException {
        int pair;
        synchronized (this) {
            if (freeCount == 0) {
                throw exhausted();
            }
            if (random != null && freeCount > 1) {
                int pick = (head + random.nextInt(freeCount / 2 + 1)) % free.length;
                int chosen = free[pick];
                free[pick] = free[head];
                free[head] = chosen;
            }
            pair = free[head];
            head = (head + 1) % free.length;
            freeCount--;
        }
        return new Lease(firstPort + 2 * pair);
    }

    /**
     * Leases a pair and lets {@code binder} bind sockets to it. A {@link BindException} (the port is
     * taken by another process) returns the pair to the back of the pool and the next pair is tried,
     * up to {@value #MAX_BIND_ATTEMPTS} pairs; any other failure releases the pair and is rethrown.
     * On success the returned object owns the lease and must close it.
     *
     * @throws PortPoolExhaustedException if no pair is free or none of the tried pairs could be bound
     */
    public <T> T bind(PairBinder<T> binder) throws IOException {
        int attempts = Math.min(freePairs(), MAX_BIND_ATTEMPTS);
        if (attempts == 0) {
            throw exhausted();
        }
        BindException lastFailure = null;
        int lastPortTried = 0;
        for (int i = 0; i < attempts; i++) {
            Lease lease = allocate();
            try {
                return binder.bind(lease);
            } catch (BindException e) {
                lease.close();
                lastFailure = e;
                lastPortTried = lease.rtpPort();
                synchronized (this) {
                    bindFailures++;
                }
            } catch (IOException | RuntimeException | Error e) {
                lease.close();
                throw e;
            }
        }
        throw new PortPoolExhaustedException("RTP port pair bind failed: attempts=" + attempts + " of limit="
                + MAX_BIND_ATTEMPTS + " (rtp.ports=" + range + ", free=" + freePairs() + ", last: " + lastPortTried
                + "/" + (lastPortTried + 1) + " " + lastFailure.getMessage() + ")", lastFailure);
    }

    private PortPoolExhaustedException exhausted() {
        return new PortPoolExhaustedException("RTP port pool exhausted: free=0 of pairs=" + free.length
                + " (rtp.ports=" + range + ")", null);
    }

    private synchronized void release(int rtpPort) {
        int pair = (rtpPort - firstPort) / 2;
        free[(head + freeCount) % free.length] = pair;
        freeCount++;
    }

    /** Pairs not leased now. */
    public synchronized int freePairs() {
        return freeCount;
    }

    /** Pairs in the range. */
    public int totalPairs() {
        return free.length;
    }

    /** Pairs skipped because binding them failed. */
    public synchronized long bindFailures() {
        return bindFailures;
    }

    @Override
    public String toString() {
        return "RtpPortPool[" + firstPort + "-" + lastPort + ", free=" + freePairs() + "/" + free.length + "]";
    }

    /** Binds sockets to a leased pair; see {@link #bind}. */
    @FunctionalInterface
    public interface PairBinder<T> {
        T bind(Lease lease) throws IOException;
    }

    /**
     * One leased pair. {@link #close()} returns it to the pool; later calls do nothing.
     *
     * <p>Threads: thread-safe.
     */
    public final class Lease implements AutoCloseable {

        private final int rtpPort;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(int rtpPort) {
            this.rtpPort = rtpPort;
        }

        public int rtpPort() {
            return rtpPort;
        }

        public int rtcpPort() {
            return rtpPort + 1;
        }

        public boolean released() {
            return released.get();
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release(rtpPort);
            }
        }

        @Override
        public String toString() {
            return "Lease[" + rtpPort + "/" + (rtpPort + 1) + (released() ? ", released]" : "]");
        }
    }
}
