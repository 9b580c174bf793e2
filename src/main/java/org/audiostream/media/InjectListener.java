package org.audiostream.media;

/**
 * Callbacks from an {@link InjectBuffer}. Mark callbacks follow the jambonz / Twilio Media Streams
 * contract: every accepted mark is reported exactly once, either as played out or as cleared.
 * Threads: {@link #onMarkPlayed}, {@link #onMarkCleared}, {@link #onPlayoutStarted} and {@link #onBacklogTrimmed}
 * run on the consumer
 * thread inside {@link InjectBuffer#read}; {@link #onBacklogReset} runs on the producer thread inside
 * {@link InjectBuffer#write}. Implementations must not block.
 */
public interface InjectListener {

    /** A listener that ignores every callback. */
    InjectListener NONE = new InjectListener() { };

    /** Playout reached the mark: the last sample written before it has been played. */
    default void onMarkPlayed(String name) { }

    /** The last sample written before the mark was dropped (by clear, overflow or backlog reset). */
    default void onMarkCleared(String name) { }

    /** A talk spurt starts: the frame being read now is the first one with queued audio after silence. */
    default void onPlayoutStarted() { }

    /**
     * Overflows came faster than the recovery threshold, so the whole backlog was dropped and
     * playout starts fresh (seed §8.3).
     *
     * @param overflowsInWindow overflow events within the sliding window, including this one
     * @param windowNanos time between the oldest and the newest of those events
     * @param droppedSamples queued samples dropped by this reset
     */
    default void onBacklogReset(int overflowsInWindow, long windowNanos, long droppedSamples) { }

    /**
     * A live stream's standing backlog was cut back to the target (see {@link InjectBuffer}'s rules).
     *
     * @param standingSamples the level that stood throughout the last window
     * @param droppedSamples samples dropped, whole frames
     */
    default void onBacklogTrimmed(long standingSamples, long droppedSamples) { }
}
