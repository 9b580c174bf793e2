package org.audiostream.session;

import org.audiostream.media.InjectStats;

/**
 * A session's lifetime counters (or the sum over sessions), for metrics. Threads: immutable.
 *
 * @param framesCaptured 20 ms frames handed to stream targets
 * @param framesDropped captured frames the targets could not send (queue full, not connected)
 * @param captureBytes L16 bytes handed to stream targets, all channels
 * @param callerSilentFrames ticks without caller audio
 * @param injectMessages inject writes (one per audio message from the app)
 * @param injectBytes audio queued for playout, as 16-bit samples at the call's rate
 * @param injectUnderrunFrames frames that ran dry while playout was active
 * @param injectOverflows writes that had to drop queued audio
 * @param injectTrims times a live stream's standing backlog was cut back to its target
 * @param injectTrimmedBytes audio dropped by those trims, as 16-bit samples at the call's rate
 */
public record SessionCounters(long framesCaptured, long framesDropped, long captureBytes, long callerSilentFrames,
                              long injectMessages, long injectBytes, long injectUnderrunFrames, long injectOverflows,
                              long injectTrims, long injectTrimmedBytes) {

    public static final SessionCounters ZERO = new SessionCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    static SessionCounters of(MediaSession s) {
        InjectStats is = s.injectBuffer().stats();
        return new SessionCounters(s.framesCaptured(), s.framesDroppedLifetime(), s.captureBytes(),
                s.callerSilentFrames(), is.writes(), is.samplesWritten() * Short.BYTES, is.underrunFrames(),
                is.overflowCount(), is.trims(), is.samplesDroppedByTrim() * Short.BYTES);
    }

    SessionCounters plus(SessionCounters o) {
        return new SessionCounters(framesCaptured + o.framesCaptured, framesDropped + o.framesDropped,
                captureBytes + o.captureBytes, callerSilentFrames + o.callerSilentFrames,
                injectMessages + o.injectMessages, injectBytes + o.injectBytes,
                injectUnderrunFrames + o.injectUnderrunFrames, injectOverflows + o.injectOverflows,
                injectTrims + o.injectTrims, injectTrimmedBytes + o.injectTrimmedBytes);
    }
}
