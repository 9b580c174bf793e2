package org.audiostream.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.audiostream.control.Event;
import org.audiostream.control.EventBus;
import org.audiostream.media.InjectStats;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;

/**
 * Once a second, for every live session: the capture watchdog (seed §5.1: no frame for over
 * {@value SessionHealth#STALL_MS} ms is an ERROR line and a {@code mod_audio_stream::watchdog}
 * event, once per stall) and, every report interval, the telemetry summary line (§1.4) so that
 * nothing is logged per frame.
 *
 * <p>Threads: runs on the gateway's housekeeping thread; reads session counters published by the
 * clock shards.
 */
public final class SessionHousekeeping {

    private static final Log CAPTURE = Log.of(Component.CAPTURE);
    private static final Log INJECT = Log.of(Component.INJECT);

    private final SessionRegistry registry;
    private final EventBus events;
    private final long reportIntervalNanos;
    private final Map<String, Long> lastReport = new ConcurrentHashMap<>();
    private final Map<String, Boolean> stalled = new ConcurrentHashMap<>();

    public SessionHousekeeping(SessionRegistry registry, EventBus events, int reportIntervalMs) {
        this.registry = registry;
        this.events = events;
        this.reportIntervalNanos = TimeUnit.MILLISECONDS.toNanos(reportIntervalMs);
    }

    public void run() {
        long now = System.nanoTime();
        lastReport.keySet().removeIf(uuid -> registry.find(uuid).isEmpty());
        stalled.keySet().removeIf(uuid -> registry.find(uuid).isEmpty());
        for (MediaSession s : registry.all()) {
            watch(s, now);
            long last = lastReport.computeIfAbsent(s.uuid(), u -> now);
            if (now - last >= reportIntervalNanos) {
                lastReport.put(s.uuid(), now);
                report(s, now);
            }
        }
    }

    private void watch(MediaSession s, long now) {
        long stalledMs = TimeUnit.NANOSECONDS.toMillis(now - s.lastCaptureNanos());
        boolean isStalled = stalledMs > SessionHealth.STALL_MS && s.state() != SessionState.CLOSING;
        boolean wasStalled = stalled.getOrDefault(s.uuid(), false);
        if (isStalled && !wasStalled) {
            CAPTURE.error(s.uuid(), "watchdog", "capture_stalled", "stalled_ms", stalledMs, "mode", s.mode().label());
            events.publish(Event.json("mod_audio_stream::watchdog", s.uuid(),
                    "{\"watchdog\":\"capture_stalled\",\"stalled_ms\":" + stalledMs + "}"));
        } else if (!isStalled && wasStalled) {
            CAPTURE.notice(s.uuid(), "watchdog", "capture_resumed");
        }
        stalled.put(s.uuid(), isStalled);
    }

    private void report(MediaSession s, long now) {
        SessionHealth h = s.health(now);
        CAPTURE.info(s.uuid(), "telemetry", "ok", "mode", h.mode(), "state", h.state(), "frames_sent",
                h.capture().framesSent(), "frames_dropped", h.capture().framesDropped(), "concealed",
                h.capture().concealedFrames(), "health", h.health());
        InjectStats is = s.injectBuffer().stats();
        INJECT.info(s.uuid(), "telemetry", "ok", "inuse_bytes", is.bufferInUseBytes(), "fill_pct", h.inject().bufferFillPct(),
                "underrun_pct", h.inject().underrunPct(), "overflows", is.overflowCount());
    }
}
