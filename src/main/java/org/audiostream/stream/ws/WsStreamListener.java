package org.audiostream.stream.ws;

import io.netty.buffer.ByteBuf;

/**
 * What a {@link WsStreamClient} reports. Allocate one per session (not per frame).
 *
 * <p>Order: {@code onConnected} after every successful (re)connect, once the metadata frame is written;
 * {@code onError} for every failed attempt and for a local error on an open connection (then
 * {@code onDisconnected} follows); {@code onDisconnected} when an open connection ends;
 * {@code onReconnecting} before each scheduled reconnect; {@code onClosed} exactly once, last — the stream
 * is over only then (after {@code stop}, a 1000 close from the server, or when reconnects are used up).
 *
 * <p>Threads: every method is called on the client's event loop; never block in them. A method that
 * throws is logged and ignored.
 */
public interface WsStreamListener {

    /** The upgrade completed and the metadata frame (if any) was written first. */
    void onConnected();

    /**
     * An open connection ended.
     *
     * @param code the close code the server sent (or echoed), 1000 after our own {@code stop}, or 1006
     *     (RFC 6455 §7.1.5) when TCP ended without a close frame
     */
    void onDisconnected(int code, String reason);

    /** A failure, with a {@link WsErrorCode#code()} and a one-line description. */
    void onError(int code, String error);

    /** A text message from the server (for {@link StreamAudioDecoder}). */
    void onText(String text);

    /** A binary message from the server; {@code data} is released after the call, copy what you keep. */
    void onBinary(ByteBuf data);

    /**
     * A connection attempt failed (or the breaker refused it); a reconnect may follow. {@code onError} still comes
     * once, when the stream gives up. Default: nothing.
     */
    default void onAttemptFailed(int code, String error) {
    }

    /** Reconnect attempt {@code attempt} (1-based) will start after {@code delayMs}. */
    void onReconnecting(int attempt, long delayMs);

    /** The client is finished: no further callbacks, no further connections. */
    void onClosed();
}
