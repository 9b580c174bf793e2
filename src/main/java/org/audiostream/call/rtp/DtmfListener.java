package org.audiostream.call.rtp;

/**
 * Receives each DTMF digit of a call once.
 *
 * <p>Threads: called on the leg's owning clock shard; implementations must not block.
 */
@FunctionalInterface
public interface DtmfListener {

    /**
     * @param digit {@code 0-9 * # A-D}, or {@code !} for flash (RFC 4733 §3.2 event 16)
     * @param durationMs how long the key was pressed, from the event's duration field
     */
    void onDtmf(char digit, int durationMs);
}
