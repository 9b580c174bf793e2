package org.audiostream.stream.ws;

import io.netty.buffer.ByteBuf;

/**
 * The event-loop half of a WebSocket dialect: what a {@link WsStreamClient} sends, as WebSocket frames.
 * The client decides when to write and flush (per connection, per drain, per control message); the encoder
 * only says what the frames hold, so batching writes differently never touches a dialect.
 *
 * <p>Threads: confined to the client's event loop. One instance per stream, so it may number its messages
 * per connection.
 */
public interface WireEncoder {

    /** The frames every connection begins with, before any audio; per-connection numbering starts here. */
    void open(FrameSink out);

    /**
     * One record made by the dialect's {@link CaptureEncoder}, copied out of the send queue.
     *
     * @param record released by the encoder (or handed on inside a frame)
     */
    void audio(ByteBuf record, FrameSink out);

    /** Tells the app that a mark it asked for has played out, or was dropped by a clear or a stop. */
    void mark(String name, EventBodies.MarkEvent event, FrameSink out);

    /** Whether the dialect tells the app about DTMF digits at all. */
    boolean carriesDtmf();

    /** Tells the app about a DTMF digit the caller pressed; only called when {@link #carriesDtmf()}. */
    void dtmf(char digit, FrameSink out);

    /** The frames that end a stream the gateway stops, after the final text and before the close frame. */
    void close(FrameSink out);
}
