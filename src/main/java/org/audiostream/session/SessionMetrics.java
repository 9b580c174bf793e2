package org.audiostream.session;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * The sessions' meters: live sessions by mode and health (what seed §9.3 alerts on: capacity and
 * unhealthy sessions), sessions created and destroyed, and the capture and inject counters summed over
 * every session since start.
 *
 * <p>Threads: read on the scraping thread. The health census is taken once per scrape (it walks every
 * session) and shared by the nine gauges.
 */
public final class SessionMetrics implements MeterBinder {

    static final List<String> HEALTH_STATES = List.of("HEALTHY", "DEGRADED", "UNHEALTHY");
    private static final long CENSUS_MAX_AGE_NANOS = 500_000_000L;

    private final SessionRegistry registry;
    private Map<StreamMode, Map<String, Integer>> census;
    private long censusTakenAt;

    public SessionMetrics(SessionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void bindTo(MeterRegistry r) {
        for (StreamMode mode : StreamMode.values()) {
            for (String health : HEALTH_STATES) {
                Gauge.builder("audiostream.sessions", () -> census().get(mode).getOrDefault(health, 0))
                        .tags("mode", mode.label(), "health", health)
                        .description("Live media sessions by stream mode (none: parked) and health").register(r);
            }
        }
        // not "created": Prometheus reserves that suffix for a series' creation time
        FunctionCounter.builder("audiostream.sessions.started", registry, SessionRegistry::totalCreated)
                .description("Sessions created since start (global_health total_sessions_created)").register(r);
        FunctionCounter.builder("audiostream.sessions.ended", registry, SessionRegistry::totalDestroyed)
                .description("Sessions torn down since start (global_health total_sessions_destroyed)").register(r);
        counter(r, "audiostream.capture.frames", null, "20 ms frames captured and handed to stream targets",
                SessionCounters::framesCaptured);
        counter(r, "audiostream.capture.frames.dropped", null,
                "Captured frames the stream targets dropped (send queue full or not connected)",
                SessionCounters::framesDropped);
        counter(r, "audiostream.capture", "bytes", "L16 audio bytes handed to stream targets, all channels",
                SessionCounters::captureBytes);
        counter(r, "audiostream.caller.silent.frames", null, "Ticks without caller audio (loss, hold, silence)",
                SessionCounters::callerSilentFrames);
        counter(r, "audiostream.inject.messages", null, "Audio messages queued for playout",
                SessionCounters::injectMessages);
        counter(r, "audiostream.inject", "bytes", "Audio queued for playout (16-bit at the call's rate)",
                SessionCounters::injectBytes);
        counter(r, "audiostream.inject.underruns", null, "Playout frames that ran dry while audio was expected",
                SessionCounters::injectUnderrunFrames);
        counter(r, "audiostream.inject.overflows", null, "Inject writes that dropped queued audio to fit",
                SessionCounters::injectOverflows);
        counter(r, "audiostream.inject.trims", null, "Standing inject backlogs of live streams cut back to the prebuffer",
                SessionCounters::injectTrims);
        counter(r, "audiostream.inject.trimmed", "bytes", "Audio dropped by those trims (16-bit at the call's rate)",
                SessionCounters::injectTrimmedBytes);
        Gauge.builder("audiostream.inject.standing.max", registry, SessionMetrics::largestStandingSeconds)
                .baseUnit("seconds")
                .description("Largest inject backlog that stood throughout the last 0.5 s in any session (its delay)")
                .register(r);
    }

    private static double largestStandingSeconds(SessionRegistry registry) {
        double largest = 0;
        for (MediaSession s : registry.all()) {
            largest = Math.max(largest, s.injectBuffer().stats().standingMs() / 1000.0);
        }
        return largest;
    }

    /**
     * A counter over the lifetime sums. A sum can dip for an instant while a stream target is swapped;
     * the counter holds its highest value so that Prometheus never sees a reset.
     */
    private void counter(MeterRegistry r, String name, String unit, String help, ToLongFunction<SessionCounters> field) {
        AtomicLong highest = new AtomicLong();
        FunctionCounter.builder(name, registry, reg -> highest.accumulateAndGet(field.applyAsLong(reg.lifetimeCounters()), Math::max))
                .baseUnit(unit).description(help).register(r);
    }

    private synchronized Map<StreamMode, Map<String, Integer>> census() {
        long now = System.nanoTime();
        if (census == null || now - censusTakenAt > CENSUS_MAX_AGE_NANOS) {
            Map<StreamMode, Map<String, Integer>> counts = new EnumMap<>(StreamMode.class);
            for (StreamMode m : StreamMode.values()) {
                counts.put(m, new HashMap<>());
            }
            for (MediaSession s : registry.all()) {
                counts.get(s.mode()).merge(s.health(now).health(), 1, Integer::sum);
            }
            census = counts;
            censusTakenAt = now;
        }
        return census;
    }
}
