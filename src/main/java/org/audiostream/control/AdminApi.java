package org.audiostream.control;

import java.util.Map;
import java.util.Optional;

/**
 * What the admin HTTP server asks of the gateway. Replies to commands use the module's text form
 * ({@code +OK …}, {@code -ERR …}, {@code -USAGE: …}).
 *
 * <p>Threads: called on Netty event-loop threads; implementations must not block on I/O.
 */
public interface AdminApi {

    /** A {@code uuid_audio_stream} command line, as {@code fs_cli -x} would send it. */
    String execute(String commandLine);

    /** The REST form: {@code POST /v1/sessions/{uuid}/{action}} with JSON arguments. */
    String execute(String sessionUuid, String action, Map<String, String> arguments);

    /** {@code GET /v1/sessions}: a JSON array of live sessions. */
    String sessionsJson();

    /** {@code GET /v1/sessions/{uuid}/health}, empty if there is no such session. */
    Optional<String> sessionHealthJson(String uuid);

    /** {@code GET /v1/health}: the seed's {@code global_health}. */
    String globalHealthJson();

    /** False while draining: {@code /readyz} answers 503. */
    boolean ready();

    /** Prometheus text exposition for {@code /metrics}. */
    String metrics();
}
