package org.audiostream.stream.ws;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;

/**
 * The process-wide registry of {@link TargetBreaker}s, one per target server ({@link WsUrl#targetKey()}:
 * scheme, host and port; per-call paths and queries on one server share its breaker). Idle breakers (CLOSED with no
 * failure in the window) are purged when the registry grows past {@code maxTargets}, so a stream of distinct
 * URLs cannot grow it without bound. Threads: thread-safe.
 */
public final class TargetBreakers {

    private static final Log LOG = Log.of(Component.WS_STREAM);

    /** Default bound on remembered targets before idle ones are purged. */
    public static final int DEFAULT_MAX_TARGETS = 10_000;

    private final BreakerPolicy policy;
    private final LongSupplier nanoClock;
    private final int maxTargets;
    private final BreakerListener listener;
    private final AtomicLong purgedOpens = new AtomicLong();
    private final ConcurrentHashMap<String, TargetBreaker> breakers = new ConcurrentHashMap<>();

    /**
     * @param nanoClock monotonic nanoseconds ({@code System::nanoTime} in production, a manual clock in tests)
     */
    public TargetBreakers(BreakerPolicy policy, LongSupplier nanoClock, int maxTargets, BreakerListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        if (maxTargets < 1) {
            throw new IllegalArgumentException("maxTargets=" + maxTargets + " must be >= 1");
        }
        this.maxTargets = maxTargets;
    }

    /** Seed §4.1 policy on the system clock; nobody hears the transitions but the log. */
    public static TargetBreakers withDefaults() {
        return withDefaults(BreakerListener.NONE);
    }

    /** Seed §4.1 policy on the system clock, transitions told to {@code listener}. */
    public static TargetBreakers withDefaults(BreakerListener listener) {
        return new TargetBreakers(BreakerPolicy.DEFAULT, System::nanoTime, DEFAULT_MAX_TARGETS, listener);
    }

    /** The breaker shared by every session streaming to {@code url}'s target. */
    public TargetBreaker forUrl(WsUrl url) {
        String key = url.targetKey();
        TargetBreaker existing = breakers.get(key);
        if (existing != null) {
            return existing;
        }
        if (breakers.size() >= maxTargets) {
            purgeIdle();
        }
        return breakers.computeIfAbsent(key, k -> new TargetBreaker(k, policy, nanoClock, listener));
    }

    /** Snapshots of every remembered target, for health and metrics. */
    public List<TargetBreaker.Snapshot> snapshots() {
        List<TargetBreaker.Snapshot> out = new ArrayList<>(breakers.size());
        breakers.values().forEach(b -> out.add(b.snapshot()));
        return out;
    }

    /** Times any breaker opened since start, purged ones included. */
    public long opens() {
        return purgedOpens.get() + breakers.values().stream().mapToLong(b -> b.snapshot().opens()).sum();
    }

    /** Number of remembered targets. */
    public int size() {
        return breakers.size();
    }

    private void purgeIdle() {
        int before = breakers.size();
        breakers.values().removeIf(b -> {
            if (!b.idle()) {
                return false;
            }
            purgedOpens.addAndGet(b.snapshot().opens());
            return true;
        });
        LOG.notice(null, "breakers_purge", "ok", "purged", before - breakers.size(), "remaining", breakers.size(),
                "max_targets", maxTargets);
    }
}
