package org.audiostream.stream.ai.tts;

/**
 * Why a synthesis failed. Threads: immutable.
 *
 * @param code a short machine-readable code: the provider's own error code when it sent one
 *     ({@code invalid_api_key}, {@code too_many_concurrent_requests}…), else {@code http_<status>},
 *     {@code connect_failed}, {@code stream_cut}, {@code watchdog}, {@code busy}…
 * @param httpStatus the HTTP status, 0 when there was none
 * @param message what happened, for the log (never a secret)
 */
public record TtsFailure(String code, int httpStatus, String message) {

    static TtsFailure of(String code, String message) {
        return new TtsFailure(code, 0, message);
    }
}
