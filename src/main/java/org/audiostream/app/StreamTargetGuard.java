package org.audiostream.app;

import java.util.concurrent.TimeUnit;
import org.audiostream.config.EffectiveConfig;
import org.audiostream.config.StreamSettings;
import org.audiostream.config.TargetAllowList;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import org.audiostream.observe.RateLimitedLog;
import org.audiostream.observe.SecurityEvent;
import org.audiostream.stream.ws.WsUrl;

/**
 * Checks a stream target before a session streams to it, whoever asked (API, SIP header, routing rule):
 * the URL must match {@code AUDIO_STREAM_ALLOWED_TARGETS}, and the service's {@code AUDIO_STREAM_EXTRA_HEADERS}
 * (tokens, typically) go only to targets in {@code AUDIO_STREAM_EXTRA_HEADERS_TARGETS}. Extra headers set for
 * the call itself (routing-rule variables, a trusted source's header, the API) were given with its target and
 * go to it. A refused target and withheld headers are counted and logged at most once per
 * {@value #LOG_INTERVAL_SECONDS} s each.
 *
 * <p>Threads: stateless apart from the rate-limited logs, which are thread-safe; any thread.
 */
final class StreamTargetGuard {

    private static final Log LOG = Log.of(Component.API);
    static final int LOG_INTERVAL_SECONDS = 5;

    private final EffectiveConfig service;
    private final TargetAllowList allowed;
    private final TargetAllowList headerTargets;
    private final RateLimitedLog refusedLog = new RateLimitedLog(LOG_INTERVAL_SECONDS, TimeUnit.SECONDS);
    private final RateLimitedLog withheldLog = new RateLimitedLog(LOG_INTERVAL_SECONDS, TimeUnit.SECONDS);

    StreamTargetGuard(EffectiveConfig service) {
        this.service = service;
        this.allowed = service.get(StreamSettings.ALLOWED_TARGETS, TargetAllowList.class);
        this.headerTargets = service.get(StreamSettings.EXTRA_HEADERS_TARGETS, TargetAllowList.class);
    }

    /**
     * The configuration to stream to {@code url} with: {@code callConfig}, without the service's extra
     * headers when they are not meant for {@code url}.
     *
     * @throws IllegalArgumentException if {@code url} is not an allowed target (the API replies -ERR with it)
     */
    EffectiveConfig admit(String uuid, WsUrl url, EffectiveConfig callConfig) {
        if (!allows(url)) {
            SecurityEvent.TARGET_NOT_ALLOWED.count();
            long suppressed = refusedLog.tryAcquire(System.nanoTime());
            if (suppressed >= 0) {
                LOG.warn(uuid, "stream_target", "refused", "url", url, "reason", "not in "
                        + StreamSettings.ALLOWED_TARGETS.name(), "suppressed", suppressed);
            }
            throw new IllegalArgumentException("stream target " + url + " is not allowed (not in "
                    + StreamSettings.ALLOWED_TARGETS.name() + ")");
        }
        EffectiveConfig.Resolved headers = callConfig.resolved(StreamSettings.EXTRA_HEADERS);
        boolean serviceHeaders = headers.value() != null && headers.equals(service.resolved(StreamSettings.EXTRA_HEADERS));
        if (!serviceHeaders || allows(headerTargets, url)) {
            return callConfig;
        }
        SecurityEvent.EXTRA_HEADERS_WITHHELD.count();
        long suppressed = withheldLog.tryAcquire(System.nanoTime());
        if (suppressed >= 0) {
            LOG.notice(uuid, "extra_headers", "withheld", "url", url, "reason", "not in "
                    + StreamSettings.EXTRA_HEADERS_TARGETS.name(), "suppressed", suppressed);
        }
        return callConfig.without(StreamSettings.EXTRA_HEADERS, "withheld from " + url);
    }

    /** Whether {@code url} is an allowed target (routing rules are checked with this when they load). */
    boolean allows(WsUrl url) {
        return allows(allowed, url);
    }

    private static boolean allows(TargetAllowList list, WsUrl url) {
        return list.allows(url.scheme(), url.host(), url.port(), url.pathAndQuery());
    }
}
