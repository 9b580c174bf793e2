package org.audiostream.app;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import org.audiostream.config.EffectiveConfig;
import org.audiostream.config.ServiceSettings;

/**
 * Whether the process may open enough file descriptors for what the configuration admits: two sockets per
 * call (RTP and RTCP), the SIP TCP and admin connection limits, and a reserve for everything else (listeners,
 * WebSocket clients, logs, the JVM). With enough, the connection limits keep health, admin and RTP working
 * under a connection flood; without, the gateway says so at start.
 *
 * <p>Threads: stateless.
 */
final class DescriptorBudget {

    /** Descriptors for what is not counted per call or connection: one WebSocket per call is in the per-call share. */
    static final int RESERVE = 256;
    static final int PER_CALL = 3;

    private DescriptorBudget() {}

    /** Descriptors the configured limits may use at once. */
    static long needed(EffectiveConfig config) {
        return (long) PER_CALL * config.intValue(ServiceSettings.MAX_SESSIONS)
                + config.intValue(ServiceSettings.SIP_TCP_MAX_CONNECTIONS)
                + config.intValue(ServiceSettings.HTTP_MAX_CONNECTIONS) + RESERVE;
    }

    /** The process's descriptor limit, or -1 where the platform does not say. */
    static long available() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : -1;
    }
}
