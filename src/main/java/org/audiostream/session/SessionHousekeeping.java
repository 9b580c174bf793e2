package org.audiostream.session;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.audiostream.config.EffectiveConfig;
import org.audiostream.config.StreamSettings;
import org.audiostream.event.Event;
import org.audiostream.event.EventBus;
import org.audiostream.media.InjectStats;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;

/**
 * Once a second, for every live session, the watchdogs of seed §5.1 and §8.3 and the periodic
 * summaries of §1.4, each from the session's own settings, so that nothing is logged per frame:
 * <ul>
 *   <li>clock stall: no frame captured for over {@value SessionHealth#STALL_MS} ms (the media thread
 *       stopped): ERROR and a {@code mod_audio_stream::watchdog} event {@code capture_stalled}; NOTICE and
 *       {@code capture_resumed} when it runs again;
 *   <li>input stall: no caller audio for over {@value SessionHealth#STALL_MS} ms while the call owed some
 *       (answered, not on hold): ERROR and {@code capture_input_stalled}; NOTICE and
 *       {@code capture_input_resumed} when audio arrives again;
 *   <li>persistent inject overflow: overflows without a pause of {@value #OVERFLOW_GAP_MS} ms for over
 *       {@value #OVERFLOW_PERSISTS_MS} ms: ERROR and a {@code mod_audio_stream::inject_overflow} event
 *       {@code persistent}, once per episode;
 *   <li>the telemetry summary every {@code AUDIO_STREAM_REPORT_INTERVAL_MS} and the inject statistics
 *       every {@code AUDIO_STREAM_INJECT_LOG_EVERY_MS} (0: never).
 * </ul>
 *
 * <p>Threads: runs on the gateway's housekeeping thread; reads session counters published by the
 * clock shards.
 */
public final class SessionHousekeeping {

    static final long OVERFLOW_PERSISTS_MS = 30_000;
    static final long OVERFLOW_GAP_MS = 5_000;
    static final String WATCHDOG_EVENT = "mod_audio_stream::watchdog";
    static final String OVERFLOW_EVENT = "mod_audio_stream::inject_overflow";

    private static final Log CAPTURE = Log.of(Component.CAPTURE);
    private static final Log INJECT = Log.of(Component.INJECT);

    /** What the housekeeping remembers of one session between runs. */
    private static final class Watch {
        long lastReport;
        long lastInjectReport;
        boolean clockStalled;
        boolean inputStalled;
        long overflowsSeen;
        long overflowSince = -1;
        long overflowLast;
        boolean overflowReported;

        Watch(long now) {
            lastReport = now;
            lastInjectReport = now;
        }
    }

    private final SessionRegistry registry;
    private final EventBus events;
    private final Function<String, EffectiveConfig> settingsOf;
    private final ConcurrentHashMap<String, Watch> watches = new ConcurrentHashMap<>();

    /** @param settingsOf a session's effective settings by uuid */
    public SessionHousekeeping(SessionRegistry registry, EventBus events, Function<String, EffectiveConfig> settingsOf) {
        this.registry = registry;
        this.events = events;
        this.settingsOf = settingsOf;
    }

    public void run() {
        run(System.nanoTime());
    }

    void run(long now) {
        watches.keySet().removeIf(uuid -> registry.find(uuid).isEmpty());
        for (MediaSession s : registry.all()) {
            if (s.state() == SessionState.CLOSING || s.state() == SessionState.CLOSED) {
                continue;
            }
            Watch w = watches.computeIfAbsent(s.uuid(), u -> new Watch(now));
            watchClock(s, w, now);
            watchInput(s, w, now);
            watchOverflow(s, w, now);
            EffectiveConfig settings = settingsOf.apply(s.uuid());
            int reportMs = settings.intValue(StreamSettings.REPORT_INTERVAL_MS);
            if (reportMs > 0 && now - w.lastReport >= TimeUnit.MILLISECONDS.toNanos(reportMs)) {
                w.lastReport = now;
                reportTelemetry(s, now);
            }
            int injectMs = settings.intValue(StreamSettings.INJECT_LOG_EVERY_MS);
            if (injectMs > 0 && now - w.lastInjectReport >= TimeUnit.MILLISECONDS.toNanos(injectMs)) {
                w.lastInjectReport = now;
                reportInject(s);
            }
        }
    }

    private void watchClock(MediaSession s, Watch w, long now) {
        long stalledMs = TimeUnit.NANOSECONDS.toMillis(now - s.lastCaptureNanos());
        boolean stalled = stalledMs > SessionHealth.STALL_MS;
        if (stalled && !w.clockStalled) {
            CAPTURE.error(s.uuid(), "watchdog", "capture_stalled", "stalled_ms", stalledMs, "mode", s.mode().label());
            publishWatchdog(s, "capture_stalled", "stalled_ms", stalledMs);
        } else if (!stalled && w.clockStalled) {
            CAPTURE.notice(s.uuid(), "watchdog", "capture_resumed");
            publishWatchdog(s, "capture_resumed", "stalled_ms", stalledMs);
        }
        w.clockStalled = stalled;
    }

    private void watchInput(MediaSession s, Watch w, long now) {
        long silentMs = s.callerSilentMs(now);
        boolean stalled = silentMs > SessionHealth.STALL_MS;
        if (stalled && !w.inputStalled) {
            CAPTURE.error(s.uuid(), "watchdog", "capture_input_stalled", "silent_ms", silentMs, "mode", s.mode().label(),
                    "hint", "no caller RTP while the call is up");
            publishWatchdog(s, "capture_input_stalled", "silent_ms", silentMs);
        } else if (!stalled && w.inputStalled) {
            CAPTURE.notice(s.uuid(), "watchdog", "capture_input_resumed");
            publishWatchdog(s, "capture_input_resumed", "silent_ms", silentMs);
        }
        w.inputStalled = stalled;
    }

    private void publishWatchdog(MediaSession s, String watchdog, String field, long ms) {
        events.publish(Event.json(WATCHDOG_EVENT, s.uuid(), "{\"watchdog\":\"" + watchdog + "\",\"" + field + "\":" + ms + "}"));
    }

    private void watchOverflow(MediaSession s, Watch w, long now) {
        long overflows = s.injectBuffer().stats().overflowCount();
        if (overflows > w.overflowsSeen) {
            if (w.overflowSince < 0) {
                w.overflowSince = now;
            }
            w.overflowLast = now;
        } else if (w.overflowSince >= 0 && now - w.overflowLast > TimeUnit.MILLISECONDS.toNanos(OVERFLOW_GAP_MS)) {
            w.overflowSince = -1;
            w.overflowReported = false;
        }
        w.overflowsSeen = overflows;
        long lastingMs = w.overflowSince < 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(now - w.overflowSince);
        if (lastingMs > OVERFLOW_PERSISTS_MS && !w.overflowReported) {
            w.overflowReported = true;
            INJECT.error(s.uuid(), "buffer_overflow", "persistent", "lasting_ms", lastingMs, "overflows", overflows,
                    "hint", "the app sends audio faster than real time; check the WS server or the network");
            events.publish(Event.json(OVERFLOW_EVENT, s.uuid(), "{\"persistent\":true,\"lasting_ms\":" + lastingMs
                    + ",\"overflows\":" + overflows + "}"));
        }
    }

    /** Seed §1.4's per-session telemetry: capture, inject and callback-time totals in one line. */
    private void reportTelemetry(MediaSession s, long now) {
        SessionHealth h = s.health(now);
        InjectStats is = s.injectBuffer().stats();
        long ticks = s.ticks();
        CAPTURE.info(s.uuid(), "telemetry", "ok", "mode", h.mode(), "state", h.state(),
                "frames_sent", h.capture().framesSent(), "bytes", s.captureBytes(),
                "frames_dropped", h.capture().framesDropped(), "caller_silent_frames", h.capture().callerSilentFrames(),
                "inject_messages", is.writes(), "inject_bytes", is.samplesWritten() * Short.BYTES,
                "underruns", is.underrunFrames(), "overflows", is.overflowCount(),
                "inject_standing_ms", is.standingMs(), "inject_trimmed_ms", 1000 * is.samplesDroppedByTrim() / is.sampleRate(),
                "callback_count", ticks, "callback_time_sum_us", s.tickNanosSum() / 1000,
                "callback_time_max_us", s.tickNanosMax() / 1000, "health", h.health());
    }

    private void reportInject(MediaSession s) {
        InjectStats is = s.injectBuffer().stats();
        INJECT.info(s.uuid(), "telemetry", "ok", "inuse_bytes", is.bufferInUseBytes(), "fill_pct",
                Math.round(is.bufferFillPct() * 10) / 10.0, "underrun_pct", Math.round(is.underrunPct() * 10) / 10.0,
                "overflows", is.overflowCount(), "standing_ms", is.standingMs(), "trims", is.trims());
    }
}
