package org.audiostream.stream.ws;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * A classified WS failure: an {@link WsErrorCode} and a one-line message. Also raised inside the pipeline
 * (pong timeout) so the client sees every failure through {@code exceptionCaught}. Threads: immutable.
 */
final class WsFailure extends Exception {

    private final WsErrorCode code;

    WsFailure(WsErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    WsErrorCode code() {
        return code;
    }

    /** Classifies a Netty / JDK exception raised while connecting or on an open connection. */
    static WsFailure from(Throwable cause) {
        if (cause instanceof WsFailure f) {
            return f;
        }
        Throwable root = cause;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException || t instanceof WebSocketHandshakeException
                    || t instanceof CorruptedFrameException || t instanceof TooLongFrameException) {
                root = t;
                break;
            }
            root = t;
        }
        String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (root instanceof ConnectTimeoutException) {
            return new WsFailure(WsErrorCode.TIMEOUT, "WS connect timed out: " + detail);
        }
        if (root instanceof ConnectException || root instanceof NoRouteToHostException
                || root instanceof UnknownHostException) {
            return new WsFailure(WsErrorCode.CONNECT_FAILED, "WS connect failed: " + detail);
        }
        if (root instanceof SSLHandshakeException) {
            return new WsFailure(WsErrorCode.SSL_HANDSHAKE_FAILED, "WS TLS handshake failed: " + detail);
        }
        if (root instanceof SSLException) {
            return new WsFailure(WsErrorCode.SSL_ERROR, "WS TLS error: " + detail);
        }
        if (root instanceof WebSocketHandshakeException) {
            return new WsFailure(WsErrorCode.INVALID_HEADER, "WS upgrade rejected: " + detail);
        }
        if (root instanceof CorruptedFrameException || root instanceof TooLongFrameException) {
            return new WsFailure(WsErrorCode.PROTOCOL, "WS protocol error: " + detail);
        }
        return new WsFailure(WsErrorCode.IO, "WS I/O error: " + detail);
    }
}
