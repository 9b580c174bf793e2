package org.audiostream.net;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import org.audiostream.observe.RateLimitedLog;
import org.audiostream.observe.SecurityEvent;

/**
 * Bounds the connections a listener holds: at most {@code maxTotal} at once and at most {@code maxPerSource}
 * from one source address, so that one peer (or many) cannot take every file descriptor. A connection over
 * either limit is closed as soon as it is accepted; the refusal is counted and logged at most once per
 * {@value #LOG_INTERVAL_SECONDS} s with the number held back.
 *
 * <p>Threads: thread-safe; {@link #admit} is called on the accepting event loops, the release on whichever
 * loop closes the channel.
 */
public final class ConnectionLimiter {

    private static final int LOG_INTERVAL_SECONDS = 5;

    private final String listener;
    private final int maxTotal;
    private final int maxPerSource;
    private final SecurityEvent refusal;
    private final Log log;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> perSource = new ConcurrentHashMap<>();
    private final RateLimitedLog refusedLog = new RateLimitedLog(LOG_INTERVAL_SECONDS, TimeUnit.SECONDS);

    /**
     * @param listener how log lines name the listener ("sip_tcp", "admin_http")
     * @param refusal what a refusal counts as
     */
    public ConnectionLimiter(String listener, int maxTotal, int maxPerSource, SecurityEvent refusal, Component component) {
        if (maxTotal < 1 || maxPerSource < 1) {
            throw new IllegalArgumentException(listener + " connection limits must be positive: total=" + maxTotal
                    + ", per source=" + maxPerSource);
        }
        this.listener = listener;
        this.maxTotal = maxTotal;
        this.maxPerSource = maxPerSource;
        this.refusal = refusal;
        this.log = Log.of(component);
    }

    /**
     * Takes a place for the newly accepted {@code channel}, given back when it closes; or closes it.
     *
     * @return whether the channel may be used
     */
    public boolean admit(Channel channel) {
        InetAddress source = channel.remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        String overLimit = null;
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            overLimit = "max_connections=" + maxTotal;
        } else if (source != null && perSource.merge(source, 1, Integer::sum) > maxPerSource) {
            release(source);
            overLimit = "max_connections_per_source=" + maxPerSource;
        }
        if (overLimit != null) {
            refusal.count();
            long suppressed = refusedLog.tryAcquire(System.nanoTime());
            if (suppressed >= 0) {
                log.warn(null, listener + "_connection", "refused", "remote", channel.remoteAddress(), "limit", overLimit,
                        "open", total.get(), "suppressed", suppressed);
            }
            channel.close();
            return false;
        }
        channel.closeFuture().addListener(f -> {
            if (source != null) {
                release(source);
            } else {
                total.decrementAndGet();
            }
        });
        return true;
    }

    private void release(InetAddress source) {
        total.decrementAndGet();
        perSource.computeIfPresent(source, (a, n) -> n == 1 ? null : n - 1);
    }

    /** Connections open now. */
    public int open() {
        return total.get();
    }

    /** Sources with at least one connection open (bounded by {@link #open()}). */
    public int sources() {
        return perSource.size();
    }
}
