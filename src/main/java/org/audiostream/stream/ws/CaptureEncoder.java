package org.audiostream.stream.ws;

/**
 * The clock-shard half of a WebSocket dialect: packs captured 20 ms frames into the records that
 * {@link WsStreamClient#offerAudio} queues, in the layout the dialect's {@link WireEncoder} reads back.
 *
 * <pre>
 * if (capture.add(pcm, 0)) {
 *     client.offerAudio(capture.buffer(), 0, capture.length());   // drops and counts when full
 *     capture.clear();
 * }
 * </pre>
 *
 * <p>Threads: confined to the owning clock shard; allocation-free after construction.
 */
public interface CaptureEncoder {

    /**
     * Appends one 20 ms frame of interleaved samples at the stream rate, {@code pcm[offset, ...)}.
     *
     * @return {@code true} when a record is complete: send {@link #buffer()} then {@link #clear()}
     */
    boolean add(short[] pcm, int offset);

    /** The record buffer; valid bytes are {@code [0, length())}. */
    byte[] buffer();

    /** Bytes of the record so far. */
    int length();

    /** Starts a new record; also used on {@code pause} to drop a partial one. */
    void clear();

    /** Bytes in a complete record: the size to configure as {@link WsClientConfig#maxFrameBytes()}. */
    int batchBytes();

    /** Milliseconds of audio in a complete record. */
    int batchMillis();
}
