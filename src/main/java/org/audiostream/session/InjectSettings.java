package org.audiostream.session;

/**
 * A session's inject-path settings, resolved per call. Threads: immutable.
 *
 * @param bufferMs inject buffer capacity ({@code AUDIO_STREAM_INJECT_BUFFER_MS})
 * @param minBufferMs talk-spurt prebuffer, also the target a live stream's standing backlog is cut back to
 *     ({@code AUDIO_STREAM_INJECT_MIN_BUFFER_MS}, at most {@code bufferMs})
 * @param trimLive whether a WebSocket stream's standing backlog is trimmed ({@code AUDIO_STREAM_INJECT_TRIM});
 *     never in AI mode, whose playout feeder writes ahead on purpose
 * @param maxDelayMs health turns DEGRADED while the standing backlog exceeds this
 *     ({@code AUDIO_STREAM_HEALTH_MAX_DELAY_MS})
 */
public record InjectSettings(int bufferMs, int minBufferMs, boolean trimLive, int maxDelayMs) {

    public InjectSettings {
        if (minBufferMs > bufferMs) {
            throw new IllegalArgumentException("inject settings rejected: minBufferMs=" + minBufferMs + " > bufferMs="
                    + bufferMs);
        }
    }
}
