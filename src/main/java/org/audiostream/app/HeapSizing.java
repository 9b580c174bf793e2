package org.audiostream.app;

import java.util.List;
import org.audiostream.config.EffectiveConfig;
import org.audiostream.config.ServiceSettings;

/**
 * The JVM memory flags the launcher starts the gateway with, sized from the configured limits rather than
 * the machine's RAM (the JVM's default is a quarter of it): a base for the process plus a budget per
 * admitted session, with ZGC returning memory it no longer uses after {@value #UNCOMMIT_DELAY_SECONDS} s.
 * An operator who sets {@code -Xmx} (or a {@code MaxRAM} flag) in {@code AUDIO_STREAM_JAVA_OPTS} overrides it.
 *
 * <p>Threads: stateless.
 */
final class HeapSizing {

    /** Heap for the process without calls: Netty, the admin server, events, logging, class data. */
    static final int BASE_MB = 192;
    /**
     * Heap budget per admitted session (limits.max_sessions): the inject buffer (5 s of 8 kHz audio is
     * 80 KB), the capture path's resampler and batch, the jitter buffer, and room for one streamAudio
     * message being decoded (base64 up to AUDIO_STREAM_MAX_AUDIO_BASE64_LEN).
     */
    static final int PER_SESSION_KB = 1024;
    static final int MIN_HEAP_MB = 64;
    static final int UNCOMMIT_DELAY_SECONDS = 30;

    private HeapSizing() {}

    /** The largest heap for {@code config}, in MiB. */
    static int maxHeapMb(EffectiveConfig config) {
        long sessions = config.intValue(ServiceSettings.MAX_SESSIONS);
        return (int) Math.min(Integer.MAX_VALUE, BASE_MB + sessions * PER_SESSION_KB / 1024);
    }

    /** The flags: the heap's bounds, a soft target at 3/4 of the maximum, and ZGC's uncommit delay. */
    static List<String> jvmFlags(EffectiveConfig config) {
        int max = maxHeapMb(config);
        return List.of("-Xms" + MIN_HEAP_MB + "m", "-Xmx" + max + "m", "-XX:SoftMaxHeapSize=" + (max * 3L / 4) + "m",
                "-XX:ZUncommitDelay=" + UNCOMMIT_DELAY_SECONDS);
    }
}
