package org.audiostream.stream.ws;

/**
 * The inbound half of a WebSocket dialect: what one text message from the app means. Never throws for
 * bad input: a message that cannot be used is a {@link StreamAudioMessage.Rejected} with the reason.
 *
 * <p>Threads: called on the stream client's event loop.
 */
public interface MessageDecoder {

    /** Decodes one text message. */
    StreamAudioMessage decode(String text);
}
