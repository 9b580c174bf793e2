package org.audiostream.stream.ws;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToLongFunction;

/**
 * WS streaming's meters: connection attempts, connects, failures, reconnects and breaker refusals of every
 * client, and the targets' circuit breakers by state.
 *
 * <p>Threads: read on the scraping thread.
 */
public final class WsMetrics implements MeterBinder {

    private final WsClientResources resources;

    public WsMetrics(WsClientResources resources) {
        this.resources = resources;
    }

    @Override
    public void bindTo(MeterRegistry r) {
        WsTotals t = resources.totals();
        counter(r, t, "audiostream.ws.connect.attempts", "WS connection attempts", WsTotals::connectAttempts);
        counter(r, t, "audiostream.ws.connects", "WS connections established (upgrade complete)", WsTotals::connects);
        counter(r, t, "audiostream.ws.connect.failures", "WS connection attempts that failed", WsTotals::connectFailures);
        counter(r, t, "audiostream.ws.reconnects", "WS reconnects scheduled", WsTotals::reconnects);
        counter(r, t, "audiostream.ws.stream.failures", "WS streams that gave up (one error event each)",
                WsTotals::streamFailures);
        counter(r, t, "audiostream.ws.breaker.refusals", "WS connection attempts refused by an open circuit breaker",
                WsTotals::breakerRefusals);
        TargetBreakers breakers = resources.breakers();
        for (BreakerState state : BreakerState.values()) {
            Gauge.builder("audiostream.ws.breakers", breakers, b -> b.snapshots().stream().filter(s -> s.state() == state).count())
                    .tag("state", state.name()).description("WS target circuit breakers by state").register(r);
        }
        FunctionCounter.builder("audiostream.ws.breaker.opens", breakers, TargetBreakers::opens)
                .description("Times a WS target circuit breaker opened").register(r);
    }

    private static void counter(MeterRegistry r, WsTotals t, String name, String help, ToLongFunction<WsTotals> f) {
        FunctionCounter.builder(name, t, f::applyAsLong).description(help).register(r);
    }
}
