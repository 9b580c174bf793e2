package org.audiostream.stream.ws;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Where a {@link WireEncoder} puts the frames it makes. The {@link WsStreamClient} behind it decides when
 * they are flushed. Threads: the client's event loop only.
 */
public interface FrameSink {

    /** The allocator of the connection, for pooled frame buffers. */
    ByteBufAllocator alloc();

    /** Writes one frame (not flushed); the sink owns it from here. */
    void write(WebSocketFrame frame);
}
