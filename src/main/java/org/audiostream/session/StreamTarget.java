package org.audiostream.session;

/**
 * Where a session's captured audio goes: the user's WebSocket app or the AI engine. The session
 * hands it one 20 ms frame per tick, already mixed and resampled to the stream's rate.
 *
 * <p>Threads: {@link #onCapturedFrame} is called only by the owning clock shard and must never
 * block or allocate (queue, or drop and count). {@link #close} may be called from any thread, once.
 */
public interface StreamTarget {

    /**
     * One frame of captured audio: {@code pcm[0, samples)}, interleaved L/R when the mix is stereo.
     * The array is reused by the caller after this returns.
     */
    void onCapturedFrame(short[] pcm, int samples, long nowNanos);

    /** Frames this target dropped because it could not keep up (health: capture drop percentage). */
    long framesDropped();

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
