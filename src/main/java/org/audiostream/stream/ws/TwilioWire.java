package org.audiostream.stream.ws;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The event-loop half of the Twilio Media Streams dialect: every message is a JSON text frame, as Twilio sends
 * them (twilio.com/docs/voice/media-streams/websocket-messages).
 *
 * <pre>
 * open:   {"event":"connected","protocol":"Call","version":"1.0.0"}
 *         {"event":"start","sequenceNumber":"1","start":{"accountSid","streamSid","callSid","tracks",
 *          "customParameters","mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1}},"streamSid"}
 * audio:  {"event":"media","sequenceNumber":"n","media":{"track":"inbound","chunk":"c","timestamp":"t",
 *          "payload":"&lt;base64 μ-law&gt;"},"streamSid"}        one per track and 20 ms record
 * mark:   {"event":"mark","sequenceNumber":"n","streamSid","mark":{"name"}}      played out, or cleared
 * dtmf:   {"event":"dtmf","streamSid","sequenceNumber":"n","dtmf":{"track":"inbound_track","digit":"1"}}
 * close:  {"event":"stop","sequenceNumber":"n","stop":{"accountSid","callSid"},"streamSid"}
 * </pre>
 *
 * Numbers are strings, as Twilio sends them. {@code sequenceNumber} counts every message but
 * {@code connected} from 1; {@code chunk} counts each track's media messages from 1; both restart on every
 * connection, which the app sees as a new stream (same {@code streamSid}). {@code timestamp} is the record's
 * milliseconds since the stream started ({@link TwilioCapture}). A media message is written straight into a
 * pooled buffer, with no garbage; control messages are rare and use Jackson. The flash event (RFC 4733 event
 * 16) is no key, so it is not sent.
 *
 * <p>Threads: the stream client's event loop only.
 */
final class TwilioWire implements WireEncoder {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final String CONNECTED = "{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}";
    private static final byte[] MEDIA_SEQUENCE = ascii("{\"event\":\"media\",\"sequenceNumber\":\"");
    private static final byte[][] MEDIA_TRACK = {ascii("\",\"media\":{\"track\":\"inbound\",\"chunk\":\""),
        ascii("\",\"media\":{\"track\":\"outbound\",\"chunk\":\"")};
    private static final byte[] MEDIA_TIMESTAMP = ascii("\",\"timestamp\":\"");
    private static final byte[] MEDIA_PAYLOAD = ascii("\",\"payload\":\"");
    private static final int PAYLOAD_BASE64_CHARS = (TwilioCapture.TRACK_BYTES + 2) / 3 * 4;
    private static final int MEDIA_END_BYTES = "\"},\"streamSid\":\"MZ\"}".length() + 32;
    /** A media message's size at most: the fixed parts, three numbers of up to 19 digits, the payload, the SID. */
    static final int MEDIA_MESSAGE_BYTES = MEDIA_SEQUENCE.length + MEDIA_TRACK[1].length + MEDIA_TIMESTAMP.length
            + MEDIA_PAYLOAD.length + 3 * 19 + PAYLOAD_BASE64_CHARS + MEDIA_END_BYTES;

    private final TwilioStream stream;
    private final byte[] mediaEnd;
    private final Base64.Encoder base64 = Base64.getEncoder();
    private final byte[] trackBytes = new byte[TwilioCapture.TRACK_BYTES];
    private final byte[] payload = new byte[PAYLOAD_BASE64_CHARS];
    private final long[] chunks;
    private long sequence;

    TwilioWire(TwilioStream stream) {
        this.stream = stream;
        this.mediaEnd = ascii("\"},\"streamSid\":\"" + stream.streamSid() + "\"}");
        this.chunks = new long[stream.tracks().size()];
    }

    @Override
    public void open(FrameSink out) {
        sequence = 0;
        Arrays.fill(chunks, 0);
        out.write(new TextWebSocketFrame(CONNECTED));
        out.write(new TextWebSocketFrame(json(g -> {
            g.writeStringProperty("event", "start");
            g.writeStringProperty("sequenceNumber", Long.toString(++sequence));
            g.writeName("start");
            g.writeStartObject();
            g.writeStringProperty("accountSid", stream.accountSid());
            g.writeStringProperty("streamSid", stream.streamSid());
            g.writeStringProperty("callSid", stream.callSid());
            g.writeName("tracks");
            g.writeStartArray();
            for (String track : stream.tracks()) {
                g.writeString(track);
            }
            g.writeEndArray();
            g.writeName("customParameters");
            g.writeRawValue(stream.customParametersJson());
            g.writeName("mediaFormat");
            g.writeStartObject();
            g.writeStringProperty("encoding", "audio/x-mulaw");
            g.writeNumberProperty("sampleRate", 8000);
            g.writeNumberProperty("channels", 1);
            g.writeEndObject();
            g.writeEndObject();
            g.writeStringProperty("streamSid", stream.streamSid());
        })));
    }

    @Override
    public void audio(ByteBuf record, FrameSink out) {
        try {
            int at = record.readerIndex();
            long timestamp = record.getUnsignedInt(at);
            for (int track = 0; track < chunks.length; track++) {
                record.getBytes(at + TwilioCapture.HEADER_BYTES + track * TwilioCapture.TRACK_BYTES, trackBytes);
                int chars = base64.encode(trackBytes, payload);
                ByteBuf json = out.alloc().buffer(MEDIA_MESSAGE_BYTES);
                json.writeBytes(MEDIA_SEQUENCE);
                writeDecimal(json, ++sequence);
                json.writeBytes(MEDIA_TRACK[track]);
                writeDecimal(json, ++chunks[track]);
                json.writeBytes(MEDIA_TIMESTAMP);
                writeDecimal(json, timestamp);
                json.writeBytes(MEDIA_PAYLOAD);
                json.writeBytes(payload, 0, chars);
                json.writeBytes(mediaEnd);
                out.write(new TextWebSocketFrame(json));
            }
        } finally {
            record.release();
        }
    }

    @Override
    public void mark(String name, EventBodies.MarkEvent event, FrameSink out) {
        // Twilio reports a mark the same way whether it played or a clear dropped it
        out.write(new TextWebSocketFrame(json(g -> {
            g.writeStringProperty("event", "mark");
            g.writeStringProperty("sequenceNumber", Long.toString(++sequence));
            g.writeStringProperty("streamSid", stream.streamSid());
            g.writeName("mark");
            g.writeStartObject();
            g.writeStringProperty("name", name);
            g.writeEndObject();
        })));
    }

    @Override
    public boolean carriesDtmf() {
        return true;
    }

    @Override
    public void dtmf(char digit, FrameSink out) {
        if (digit == '!') {
            return;
        }
        out.write(new TextWebSocketFrame(json(g -> {
            g.writeStringProperty("event", "dtmf");
            g.writeStringProperty("streamSid", stream.streamSid());
            g.writeStringProperty("sequenceNumber", Long.toString(++sequence));
            g.writeName("dtmf");
            g.writeStartObject();
            g.writeStringProperty("track", "inbound_track");
            g.writeStringProperty("digit", String.valueOf(digit));
            g.writeEndObject();
        })));
    }

    @Override
    public void close(FrameSink out) {
        out.write(new TextWebSocketFrame(json(g -> {
            g.writeStringProperty("event", "stop");
            g.writeStringProperty("sequenceNumber", Long.toString(++sequence));
            g.writeName("stop");
            g.writeStartObject();
            g.writeStringProperty("accountSid", stream.accountSid());
            g.writeStringProperty("callSid", stream.callSid());
            g.writeEndObject();
            g.writeStringProperty("streamSid", stream.streamSid());
        })));
    }

    /** Writes {@code value} ({@code >= 0}) in decimal ASCII. */
    static void writeDecimal(ByteBuf out, long value) {
        if (value >= 10) {
            writeDecimal(out, value / 10);
        }
        out.writeByte('0' + (int) (value % 10));
    }

    private static String json(Consumer<JsonGenerator> members) {
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), w)) {
            g.writeStartObject();
            members.accept(g);
            g.writeEndObject();
        }
        return w.toString();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
