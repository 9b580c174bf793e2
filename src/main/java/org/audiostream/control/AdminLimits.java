package org.audiostream.control;

import java.time.Duration;

/**
 * What the admin HTTP server allows one client and all of them (DESIGN §6a).
 *
 * <p>Threads: immutable.
 *
 * @param maxConnections connections open at once, event streams included; more are closed when accepted
 * @param maxConnectionsPerSource connections one source address may hold
 * @param requestTimeout a request must be complete this long after its first byte
 * @param idleTimeout a connection without a request for this long is closed (event streams are exempt)
 * @param maxEventStreams event streams open at once; more are answered 503
 * @param eventStreamQueue events one stream may fall behind by before it is disconnected
 */
public record AdminLimits(int maxConnections, int maxConnectionsPerSource, Duration requestTimeout, Duration idleTimeout,
                          int maxEventStreams, int eventStreamQueue) {

    /** The schema's defaults (the {@code AUDIO_STREAM_HTTP_*} and {@code AUDIO_STREAM_EVENTS_*} settings). */
    public static final AdminLimits DEFAULT = new AdminLimits(128, 32, Duration.ofSeconds(10), Duration.ofSeconds(60), 64, 1024);

    public AdminLimits {
        if (maxConnections < 1 || maxConnectionsPerSource < 1 || maxEventStreams < 1 || eventStreamQueue < 2) {
            throw new IllegalArgumentException("admin limits must be positive: " + maxConnections + ", "
                    + maxConnectionsPerSource + ", " + maxEventStreams + ", " + eventStreamQueue);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("admin timeouts must be positive: request=" + requestTimeout + ", idle="
                    + idleTimeout);
        }
    }
}
