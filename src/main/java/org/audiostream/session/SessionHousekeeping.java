package org.audiostream.session;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.audiostream.config.EffectiveConfig;
import org.audiostream.config.StreamSettings;
import org.audiostream.control.Event;
import org.audiostream.control.EventBus;
import org.audiostream.media.InjectStats;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;

/**
 * Once a second, for every live session: the capture watchdog (seed §5.1: no frame for over
 * {@value SessionHealth#STALL_MS} ms is an ERROR line and a {@code mod_audio_stream::watchdog}
 * event, once per stall), the capture telemetry summary every {@code AUDIO_STREAM_REPORT_INTERVAL_MS}
 * (§1.4) and the inject statistics every {@code AUDIO_STREAM_INJECT_LOG_EVERY_MS} (0: never), each
 * from the session's own settings, so that nothing is logged per frame.
 *
 * <p>Threads: runs on the gateway's housekeeping thread; reads session counters published by the
 * clock shards.
 */
public final class SessionHousekeeping {

    private static final Log CAPTURE = Log.of(Component.CAPTURE);
    private static final Log INJECT = Log.of(Component.INJECT);

    private final SessionRegistry registry;
    private final EventBus events;
    private final Function<String, EffectiveConfig> settingsOf;
    private final Map<String, Long> lastReport = new ConcurrentHashMap<>();
    private final Map<String, Long> lastInjectReport = new ConcurrentHashMap<>();
    private final Map<String, Boolean> stalled = new ConcurrentHashMap<>();

    /** @param settingsOf a session's effective settings by uuid */
    public SessionHousekeeping(SessionRegistry registry, EventBus events, Function<String, EffectiveConfig> settingsOf) {
        this.registry = registry;
        this.events = events;
        this.settingsOf = settingsOf;
    }

    public void run() {
        long now = System.nanoTime();
        for (Map<String, ?> perSession : List.of(lastReport, lastInjectReport, stalled)) {
            perSession.keySet().removeIf(uuid -> registry.find(uuid).isEmpty());
        }
        for (MediaSession s : registry.all()) {
            watch(s, now);
            EffectiveConfig settings = settingsOf.apply(s.uuid());
            if (due(lastReport, s, now, settings.intValue(StreamSettings.REPORT_INTERVAL_MS))) {
                reportCapture(s, now);
            }
            if (due(lastInjectReport, s, now, settings.intValue(StreamSettings.INJECT_LOG_EVERY_MS))) {
                reportInject(s);
            }
        }
    }

    private static boolean due(Map<String, Long> last, MediaSession s, long now, int intervalMs) {
        if (intervalMs == 0) {
            return false;
        }
        long previous = last.computeIfAbsent(s.uuid(), u -> now);
        if (now - previous < TimeUnit.MILLISECONDS.toNanos(intervalMs)) {
            return false;
        }
        last.put(s.uuid(), now);
        return true;
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

    private void reportCapture(MediaSession s, long now) {
        SessionHealth h = s.health(now);
        CAPTURE.info(s.uuid(), "telemetry", "ok", "mode", h.mode(), "state", h.state(), "frames_sent",
                h.capture().framesSent(), "frames_dropped", h.capture().framesDropped(),
                "caller_silent_frames", h.capture().callerSilentFrames(), "health", h.health());
    }

    private void reportInject(MediaSession s) {
        InjectStats is = s.injectBuffer().stats();
        INJECT.info(s.uuid(), "telemetry", "ok", "inuse_bytes", is.bufferInUseBytes(), "fill_pct",
                Math.round(is.bufferFillPct() * 10) / 10.0, "underrun_pct", Math.round(is.underrunPct() * 10) / 10.0,
                "overflows", is.overflowCount());
    }
}
