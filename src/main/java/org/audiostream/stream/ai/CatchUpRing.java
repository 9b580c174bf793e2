package org.audiostream.stream.ai;

/**
 * Caller audio kept while the Realtime session cannot take it (connecting, reconnecting, send queue full),
 * as ready-made append messages in fixed slots, oldest first (seed §8.2 "buffer incoming audio in a small
 * ring buffer"). When full, the oldest message is dropped and counted: after a long outage the agent hears
 * the most recent part of what the caller said.
 *
 * <p>Threads: written and drained only by the session's clock shard; {@link #bufferedMs()} and
 * {@link #droppedMessages()} are read by any thread. Allocation-free after construction.
 */
final class CatchUpRing {

    private final byte[][] slots;
    private final int messageLength;
    private final int chunkMs;
    private int head;
    private int count;
    private volatile int published;
    private volatile long dropped;

    /** Room for {@code capacityMs} of audio in messages of {@code chunkMs}; 0 keeps nothing. */
    CatchUpRing(int capacityMs, int chunkMs, int messageLength) {
        this.slots = new byte[capacityMs / chunkMs][];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new byte[messageLength];
        }
        this.messageLength = messageLength;
        this.chunkMs = chunkMs;
    }

    /** Appends a copy of {@code message}, dropping the oldest when full (or the message itself with no room). */
    void add(byte[] message) {
        if (slots.length == 0) {
            dropped++;
            return;
        }
        if (count == slots.length) {
            head = (head + 1) % slots.length;
            count--;
            dropped++;
        }
        System.arraycopy(message, 0, slots[(head + count) % slots.length], 0, messageLength);
        count++;
        published = count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** The oldest message; valid until the next {@link #add} or {@link #removeOldest}. */
    byte[] oldest() {
        return slots[head];
    }

    void removeOldest() {
        head = (head + 1) % slots.length;
        count--;
        published = count;
    }

    /** Audio waiting, in milliseconds (health's {@code ring_buffer_ms}). */
    int bufferedMs() {
        return published * chunkMs;
    }

    /** Messages dropped because the ring was full. */
    long droppedMessages() {
        return dropped;
    }
}
