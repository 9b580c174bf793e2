package org.audiostream.stream.ai;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The AI mode's meters: live AI sessions and the process-wide {@link AiCounters}, under conventional
 * Prometheus names (counters end in {@code _total}). Threads: registration once; the meters read atomics.
 */
public final class AiMetrics implements MeterBinder {

    private final AiCounters counters;
    private final IntSupplier activeSessions;

    public AiMetrics(AiCounters counters, IntSupplier activeSessions) {
        this.counters = counters;
        this.activeSessions = activeSessions;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("audiostream_ai_sessions_active", activeSessions, s -> s.getAsInt())
                .description("Sessions in AI mode").register(registry);
        counter(registry, "audiostream_ai_sessions_started", AiCounters::sessionsStarted, "AI sessions started");
        counter(registry, "audiostream_ai_responses", AiCounters::responses, "Realtime responses finished");
        counter(registry, "audiostream_ai_barge_ins", AiCounters::bargeIns, "Agent audio interrupted by the caller");
        counter(registry, "audiostream_ai_local_barge_ins", AiCounters::localBargeIns,
                "Agent audio silenced by the local detector before the server reported speech");
        counter(registry, "audiostream_ai_local_barge_ins_unconfirmed", AiCounters::localBargeInsUnconfirmed,
                "Local barge-ins the server never confirmed (the agent resumed)");
        counter(registry, "audiostream_ai_reconnects", AiCounters::reconnects, "Realtime reconnect attempts");
        counter(registry, "audiostream_ai_failures", AiCounters::failures, "AI sessions that reached FAILED");
        counter(registry, "audiostream_ai_recycles", AiCounters::recycles, "Realtime sessions replaced before the cap");
        counter(registry, "audiostream_ai_watchdog_stalls", AiCounters::watchdogStalls, "AI engine watchdog alarms");
        counter(registry, "audiostream_ai_server_errors", AiCounters::serverErrors, "Realtime error events received");
        counter(registry, "audiostream_ai_catchup_dropped_seconds", c -> c.catchUpDroppedMs() / 1000.0,
                "Caller audio dropped because the catch-up ring was full");
    }

    private void counter(MeterRegistry registry, String name, ToDoubleFunction<AiCounters> value, String description) {
        FunctionCounter.builder(name, counters, value).description(description).register(registry);
    }
}
