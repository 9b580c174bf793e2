package org.audiostream.stream.ws;

/**
 * Error codes of the {@code mod_audio_stream::error} event, numbered as libwsc numbers them (the
 * module's current WebSocket client, §1.5), plus {@link #CIRCUIT_OPEN} of our own, outside libwsc's range.
 * Threads: immutable.
 */
public enum WsErrorCode {
    /** Socket read or write failed on an open connection. */
    IO(1),
    /** The HTTP upgrade was refused or its response was invalid (status, {@code Sec-WebSocket-Accept}). */
    INVALID_HEADER(2),
    /** The server masked its frames (RFC 6455 §5.1). */
    SERVER_MASKED(3),
    /** The server asked for something we do not support. */
    NOT_SUPPORTED(4),
    /** A ping went unanswered for the pong timeout. */
    PING_TIMEOUT(5),
    /** TCP connect failed (refused, unreachable, name not resolved). */
    CONNECT_FAILED(6),
    /** The TLS context could not be built (CA, certificate or key file). */
    TLS_INIT_FAILED(7),
    /** The TLS handshake failed (untrusted certificate, host name mismatch, protocol). */
    SSL_HANDSHAKE_FAILED(8),
    /** TLS failed after the handshake. */
    SSL_ERROR(9),
    /** An attempt exceeded the connect timeout. */
    TIMEOUT(10),
    /** The server broke RFC 6455 framing, or sent a message over the size limit. */
    PROTOCOL(11),
    /** Our circuit breaker for the target refused the attempt (seed §4.1). */
    CIRCUIT_OPEN(100);

    private final int code;

    WsErrorCode(int code) {
        this.code = code;
    }

    /** The number carried in the event's {@code message.code}. */
    public int code() {
        return code;
    }
}
