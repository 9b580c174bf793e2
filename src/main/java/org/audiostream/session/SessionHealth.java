package org.audiostream.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.concurrent.TimeUnit;
import org.audiostream.media.InjectStats;

/**
 * A session's health in the seed's §2.1 shape (serialised with snake_case names). Rules:
 * UNHEALTHY if the session is in ERROR, its AI engine is disconnected, stalled or failed, no frame was
 * captured for over {@value #STALL_MS} ms (the media clock stalled) or no caller audio arrived for over
 * {@value #STALL_MS} ms while the call owed some (a dead capture input; the two watchdogs of §5.1);
 * otherwise DEGRADED if the stream has no connection (connecting, reconnecting), inject underruns exceed
 * 5 %, any overflow happened, over 1 % of captured frames were dropped by the send queue (our
 * equivalent of the module's capture trylock failures), a WebSocket stream's inject backlog that stood
 * throughout the last 0.5 s exceeds {@code AUDIO_STREAM_HEALTH_MAX_DELAY_MS} (the caller hears the app that
 * late; AI mode queues its answers ahead on purpose), or an
 * AI session speaks through a fallback TTS provider or none; otherwise HEALTHY. The inject figures cover the
 * current stream (or the time since the last one stopped), so a stopped stream's overflow does not keep
 * the session DEGRADED. Frames that reached no socket are never counted as sent.
 */
public record SessionHealth(String sessionUuid, String mode, long uptimeSec, String state, Capture capture,
                            Inject inject, @JsonInclude(JsonInclude.Include.NON_NULL) AiHealth ai, String health) {

    public static final long STALL_MS = 5000;

    /**
     * The capture side; {@code framesSent} are frames handed to a connected stream, {@code framesDropped}
     * those dropped for a full send queue or for having no connection, {@code streamConnected} whether the
     * stream can deliver now; {@code callerSilentFrames} counts ticks that had no caller audio for any reason
     * (before the first packet, pauses without packets, hold, loss): the RTP leg's statistics tell loss apart.
     * {@code callerSilentMs} is how long caller audio has been owed and missing (0 on hold).
     */
    public record Capture(long framesSent, long lastFrameMsAgo, double trylockFailurePct, long framesDropped,
                          boolean streamConnected, long callerSilentFrames, long callerSilentMs) {}

    /**
     * The inject side; {@code standingMs} is the backlog that stood throughout the last 0.5 s (delay added
     * to everything the app sends), {@code trimmedMs} the audio cut from standing backlogs during the current
     * stream (see {@link org.audiostream.media.InjectBuffer}).
     */
    public record Inject(long bufferInuseBytes, long bufferCapacityBytes, double bufferFillPct, double underrunPct,
                         long overflowCount, long standingMs, long trimmedMs) {}

    static SessionHealth of(MediaSession s, long nowNanos) {
        long captured = s.framesCaptured();
        long queueDrops = s.captureFramesDropped();
        long dropped = queueDrops + s.captureFramesUndelivered();
        long sent = Math.max(0, captured - dropped);
        double dropPct = captured == 0 ? 0 : round(100.0 * queueDrops / captured);
        boolean connected = s.streamConnected();
        long lastMsAgo = Math.max(0, TimeUnit.NANOSECONDS.toMillis(nowNanos - s.lastCaptureNanos()));
        InjectStats is = s.injectBuffer().stats();
        InjectStats base = s.injectBaseline();
        long framesRead = is.framesRead() - base.framesRead();
        double underrunPct = framesRead == 0 ? 0 : 100.0 * (is.underrunFrames() - base.underrunFrames()) / framesRead;
        Inject inject = new Inject(is.bufferInUseBytes(), is.bufferCapacityBytes(), round(is.bufferFillPct()),
                round(underrunPct), is.overflowCount() - base.overflowCount(), is.standingMs(),
                1000 * (is.samplesDroppedByTrim() - base.samplesDroppedByTrim()) / is.sampleRate());
        long callerSilentMs = s.callerSilentMs(nowNanos);
        Capture capture = new Capture(sent, lastMsAgo, dropPct, dropped, connected, s.callerSilentFrames(), callerSilentMs);
        SessionState state = s.state();
        AiHealth ai = s.target().flatMap(StreamTarget::aiHealth).orElse(null);
        String verdict;
        if (state == SessionState.ERROR || lastMsAgo > STALL_MS || callerSilentMs > STALL_MS
                || (ai != null && ai.unhealthy())) {
            verdict = "UNHEALTHY";
        } else if (!connected || inject.underrunPct() > 5 || inject.overflowCount() > 0 || dropPct > 1
                || (s.mode() == StreamMode.WS && inject.standingMs() > s.injectSettings().maxDelayMs())
                || (ai != null && ai.degraded())) {
            verdict = "DEGRADED";
        } else {
            verdict = "HEALTHY";
        }
        long uptime = TimeUnit.NANOSECONDS.toSeconds(nowNanos - s.createdNanos());
        return new SessionHealth(s.uuid(), s.mode().label(), uptime, state.name(), capture, inject, ai, verdict);
    }

    private static double round(double pct) {
        return Math.round(pct * 100) / 100.0;
    }
}
