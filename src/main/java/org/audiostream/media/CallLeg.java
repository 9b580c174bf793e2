package org.audiostream.media;

import java.util.Optional;

/**
 * The call's media as a media session sees it: 20 ms frames of mono linear PCM at the codec rate,
 * pulled and pushed once per media-clock tick. Implemented by the RTP leg; a session never sees
 * packets, codecs or sockets.
 *
 * <p>Threads: both methods are called only by the clock shard that owns the session; they never
 * block and never allocate in steady state.
 */
public interface CallLeg {

    /** Codec sample rate of the leg in Hz (8000 for G.711). */
    int sampleRate();

    /** The G.711 law on the wire now, or empty for a leg that is not G.711. Any thread. */
    default Optional<G711Law> g711Law() {
        return Optional.empty();
    }

    /** Samples in one 20 ms frame at {@link #sampleRate()}. */
    default int samplesPerFrame() {
        return sampleRate() / 50;
    }

    /**
     * Fills {@code pcm[0, samplesPerFrame())} with the caller's audio for this tick.
     *
     * @return {@code true} if real audio was played out, {@code false} if the frame is concealment
     *     (silence) because nothing arrived in time
     */
    boolean readCallerFrame(short[] pcm, long nowNanos);

    /**
     * Whether the caller is expected to send audio now: false while the call is on hold or the
     * negotiated direction does not let the caller send, so that a deliberate pause is not taken for a
     * dead input. Called on the owning shard once per silent frame.
     */
    default boolean expectsCallerAudio() {
        return true;
    }

    /** Sends {@code pcm[0, samplesPerFrame())} to the caller for this tick. */
    void writeFrame(short[] pcm, long nowNanos);
}
