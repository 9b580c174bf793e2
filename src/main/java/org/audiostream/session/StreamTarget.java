package org.audiostream.session;

import java.util.Optional;

/**
 * Where a session's captured audio goes: the user's WebSocket app or the AI engine. The session
 * hands it one 20 ms frame per tick, already mixed and resampled to the stream's rate.
 *
 * <p>Threads: {@link #onCapturedFrame} is called only by the owning clock shard and must never
 * block or allocate (queue, or drop and count); so is {@link #onDtmf}. {@link #close} may be called from any
 * thread, once.
 */
public interface StreamTarget {

    /**
     * One frame of captured audio: {@code pcm[0, samples)}, interleaved L/R when the mix is stereo.
     * The array is reused by the caller after this returns.
     */
    void onCapturedFrame(short[] pcm, int samples, long nowNanos);

    /**
     * The caller pressed a DTMF key (RFC 4733), for a target whose protocol tells its peer; called on the
     * owning clock shard, must not block.
     *
     * @param digit {@code 0-9 * # A-D}, or {@code !} for flash
     */
    default void onDtmf(char digit, int durationMs) {
    }

    /** Frames this target dropped because it could not keep up (health: capture drop percentage). */
    long framesDropped();

    /** The AI block of the session's health, when this target is an AI engine. Any thread. */
    default Optional<AiHealth> aiHealth() {
        return Optional.empty();
    }

    /** Frames this target dropped because it had no connection to send them on (connecting, reconnecting, closed). */
    default long framesUndelivered() {
        return 0;
    }

    /** Whether frames handed over now can reach the far end (false while connecting or after the connection ended). */
    default boolean connected() {
        return true;
    }

    /** Ends the stream; {@code finalText}, if not null, is sent before closing (API {@code stop <text>}). */
    void close(String finalText);
}
