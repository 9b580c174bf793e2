package org.audiostream.stream.ws;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import org.audiostream.observe.RateLimitedLog;

/**
 * Circuit breaker for one WS target, shared by every session that streams to it (seed §4.1): after
 * {@code failureThreshold} connect failures within {@code window} it opens for {@code cooldown}; then
 * exactly one probe connection is allowed (HALF_OPEN) while every other attempt is refused; the probe's
 * success closes it, its failure opens it again.
 *
 * <p>This is our own count-in-window breaker, not Resilience4j's: Resilience4j opens on a failure
 * <em>rate</em> (a time-based window with {@code minimumNumberOfCalls=5} and a 100 % threshold never opens
 * when one success hides among the failures) and its maintainers say an absolute "N failures per time
 * frame" rule is not expressible (resilience4j/resilience4j#785). Successes do not clear the window while
 * CLOSED; any success closes an OPEN or HALF_OPEN breaker, because the target has just proved it accepts
 * connections. The breaker only counts attempts that ended; it does not limit concurrent attempts while
 * CLOSED, so N sessions starting at the same instant against a dead target make N attempts once, and from
 * then on at most one probe per cooldown.
 *
 * <p>Every transition is logged and told to the {@link BreakerListener}; attempts refused while OPEN are
 * logged at most once per {@value #REFUSAL_LOG_INTERVAL_SECONDS} s per target, with the count held back.
 *
 * <p>Threads: thread-safe; called by event loops once per connection attempt (never per frame).
 */
public final class TargetBreaker {

    private static final Log LOG = Log.of(Component.WS_STREAM);
    static final int REFUSAL_LOG_INTERVAL_SECONDS = 5;

    /** What {@link #tryAcquire()} allows. Pass it back to exactly one of the outcome methods. */
    public enum Permit {
        /** A normal attempt while CLOSED. */
        NORMAL,
        /** The one HALF_OPEN probe. */
        PROBE,
        /** No attempt allowed now; nothing needs to be reported back. */
        REFUSED
    }

    /**
     * A point-in-time view for health and metrics.
     *
     * @param retryInMillis time until a probe is allowed (0 unless OPEN)
     */
    public record Snapshot(String target, BreakerState state, int failuresInWindow, long opens, long probes,
            long refusals, long retryInMillis) {
    }

    private final String target;
    private final BreakerPolicy policy;
    private final LongSupplier nanoClock;
    private final long windowNanos;
    private final long cooldownNanos;
    private final long maxProbeNanos;
    private final BreakerListener listener;
    private final RateLimitedLog refusalLog = new RateLimitedLog(REFUSAL_LOG_INTERVAL_SECONDS, TimeUnit.SECONDS);

    // guarded by this
    private final long[] failureTimes;
    private int failureCount;
    private int failureHead;
    private BreakerState state = BreakerState.CLOSED;
    private long openedAt;
    private boolean probeInFlight;
    private long probeStartedAt;
    private long opens;
    private long probes;
    private long refusals;

    TargetBreaker(String target, BreakerPolicy policy, LongSupplier nanoClock, BreakerListener listener) {
        this.target = target;
        this.listener = listener;
        this.policy = policy;
        this.nanoClock = nanoClock;
        this.windowNanos = policy.window().toNanos();
        this.cooldownNanos = policy.cooldown().toNanos();
        this.maxProbeNanos = policy.maxProbeDuration().toNanos();
        this.failureTimes = new long[policy.failureThreshold()];
    }

    /** The normalised target this breaker guards ({@link WsUrl#targetKey()}). */
    public String target() {
        return target;
    }

    /** Asks to start one connection attempt. */
    public synchronized Permit tryAcquire() {
        long now = nanoClock.getAsLong();
        switch (state) {
            case CLOSED:
                return Permit.NORMAL;
            case OPEN:
                if (now - openedAt < cooldownNanos) {
                    refusals++;
                    return Permit.REFUSED;
                }
                state = BreakerState.HALF_OPEN;
                LOG.notice(null, "breaker", "half_open", "target", target, "cooldown_ms", policy.cooldown().toMillis());
                listener.onTransition(target, BreakerState.OPEN, BreakerState.HALF_OPEN, "cooldown over");
                return startProbe(now);
            default:
                if (probeInFlight && now - probeStartedAt < maxProbeNanos) {
                    refusals++;
                    return Permit.REFUSED;
                }
                return startProbe(now);
        }
    }

    /** The attempt made under {@code permit} connected (WebSocket handshake complete). */
    public synchronized void onSuccess(Permit permit) {
        if (permit == Permit.REFUSED) {
            return;
        }
        if (state == BreakerState.CLOSED) {
            return;
        }
        LOG.notice(null, "breaker", "closed", "target", target, "by", permit);
        listener.onTransition(target, state, BreakerState.CLOSED, permit == Permit.PROBE ? "probe connected" : "connected");
        state = BreakerState.CLOSED;
        probeInFlight = false;
        failureCount = 0;
        failureHead = 0;
    }

    /** The attempt made under {@code permit} failed to connect. */
    public synchronized void onFailure(Permit permit) {
        if (permit == Permit.REFUSED) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (permit == Permit.PROBE && state == BreakerState.HALF_OPEN) {
            probeInFlight = false;
            open(now, "probe failed");
            return;
        }
        failureTimes[failureHead] = now;
        failureHead = (failureHead + 1) % failureTimes.length;
        failureCount = Math.min(failureCount + 1, failureTimes.length);
        if (state == BreakerState.CLOSED && failuresInWindow(now) >= policy.failureThreshold()) {
            open(now, policy.failureThreshold() + " failures in " + policy.window().toSeconds() + " s");
        }
    }

    /** The attempt made under {@code permit} was abandoned (the session stopped) before it ended. */
    public synchronized void release(Permit permit) {
        if (permit == Permit.PROBE && state == BreakerState.HALF_OPEN) {
            probeInFlight = false;
        }
    }

    /** The current state; OPEN turns into HALF_OPEN only when someone asks to connect. */
    public synchronized BreakerState state() {
        return state;
    }

    /** A one-line reason for a refusal, naming the target, the state and when to retry. */
    public synchronized String refusalMessage() {
        long now = nanoClock.getAsLong();
        if (state == BreakerState.OPEN) {
            return "WS connect refused by circuit breaker: target=" + target + " state=OPEN after "
                    + policy.failureThreshold() + " failures in " + policy.window().toSeconds() + " s, probe in "
                    + retryInMillis(now) + " ms";
        }
        return "WS connect refused by circuit breaker: target=" + target + " state=" + state
                + (state == BreakerState.HALF_OPEN ? ", probe connection in flight" : "");
    }

    public synchronized Snapshot snapshot() {
        long now = nanoClock.getAsLong();
        return new Snapshot(target, state, failuresInWindow(now), opens, probes, refusals, retryInMillis(now));
    }

    /** {@code true} when the breaker holds no state worth keeping (CLOSED, no failure in the window). */
    synchronized boolean idle() {
        return state == BreakerState.CLOSED && failuresInWindow(nanoClock.getAsLong()) == 0;
    }

    private Permit startProbe(long now) {
        probeInFlight = true;
        probeStartedAt = now;
        probes++;
        return Permit.PROBE;
    }

    /** Logs that {@code sessionUuid}'s attempt was refused, at most once per interval for this target. */
    public void logRefusal(String sessionUuid) {
        long suppressed = refusalLog.tryAcquire(nanoClock.getAsLong());
        if (suppressed >= 0) {
            LOG.error(sessionUuid, "connect", "refused", "reason", refusalMessage(), "suppressed", suppressed);
        }
    }

    private void open(long now, String why) {
        BreakerState from = state;
        state = BreakerState.OPEN;
        openedAt = now;
        opens++;
        LOG.warn(null, "breaker", "opened", "target", target, "reason", why, "cooldown_ms", policy.cooldown().toMillis());
        listener.onTransition(target, from, BreakerState.OPEN, why);
    }

    private int failuresInWindow(long now) {
        int n = 0;
        for (int i = 0; i < failureCount; i++) {
            if (now - failureTimes[i] <= windowNanos) {
                n++;
            }
        }
        return n;
    }

    private long retryInMillis(long now) {
        long remaining = openedAt + cooldownNanos - now;
        return state == BreakerState.OPEN && remaining > 0 ? (remaining + 999_999) / 1_000_000 : 0; // round up
    }
}
