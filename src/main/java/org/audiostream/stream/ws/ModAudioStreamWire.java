package org.audiostream.stream.ws;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * The event-loop half of the mod_audio_stream dialect (§1.3): the metadata as the first text frame of every
 * connection, each capture batch as one binary frame of L16, mark acknowledgements as jambonz-style text; no
 * DTMF, nothing before the close frame. Threads: the client's event loop; stateless apart from the metadata.
 */
final class ModAudioStreamWire implements WireEncoder {

    private final String metadata;

    /** @param metadata the text sent first on every connection, or {@code null} for none */
    ModAudioStreamWire(String metadata) {
        this.metadata = metadata;
    }

    @Override
    public void open(FrameSink out) {
        if (metadata != null) {
            out.write(new TextWebSocketFrame(metadata));
        }
    }

    @Override
    public void audio(ByteBuf record, FrameSink out) {
        out.write(new BinaryWebSocketFrame(record));
    }

    @Override
    public void mark(String name, EventBodies.MarkEvent event, FrameSink out) {
        out.write(new TextWebSocketFrame(EventBodies.markAck(name, event)));
    }

    @Override
    public boolean carriesDtmf() {
        return false;
    }

    @Override
    public void dtmf(char digit, FrameSink out) {
        throw new UnsupportedOperationException("mod_audio_stream has no DTMF message");
    }

    @Override
    public void close(FrameSink out) {
        // the module sends nothing between the final text and the close frame
    }
}
