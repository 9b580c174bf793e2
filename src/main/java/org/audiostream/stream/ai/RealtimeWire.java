package org.audiostream.stream.ai;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.audiostream.stream.ws.EventBodies;
import org.audiostream.stream.ws.FrameSink;
import org.audiostream.stream.ws.WireEncoder;

/**
 * The OpenAI Realtime side of the WS client: each queued record is a complete {@code input_audio_buffer.append}
 * JSON message, sent as one text frame. Nothing opens or closes a connection at this level (the engine sends
 * {@code session.update} itself) and there are no marks or DTMF. Threads: the client's event loop; stateless.
 */
final class RealtimeWire implements WireEncoder {

    static final RealtimeWire INSTANCE = new RealtimeWire();

    private RealtimeWire() {}

    @Override
    public void open(FrameSink out) {
    }

    @Override
    public void audio(ByteBuf record, FrameSink out) {
        out.write(new TextWebSocketFrame(record));
    }

    @Override
    public void mark(String name, EventBodies.MarkEvent event, FrameSink out) {
        throw new UnsupportedOperationException("the Realtime protocol has no marks");
    }

    @Override
    public boolean carriesDtmf() {
        return false;
    }

    @Override
    public void dtmf(char digit, FrameSink out) {
        throw new UnsupportedOperationException("the Realtime protocol has no DTMF message");
    }

    @Override
    public void close(FrameSink out) {
    }
}
