package org.audiostream.stream.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.audiostream.stream.ws.EventBodies.MarkEvent;
import org.junit.jupiter.api.Test;

/** Every message the Twilio dialect sends, byte for byte, and how it numbers them. */
class TwilioWireTest {

    private static final String SID = "MZ0123456789abcdef0123456789abcdef";
    private static final String CALL = "CAfedcba9876543210fedcba9876543210";
    private static final String ACCOUNT = "AC00000000000000000000000000000000";

    private final Frames out = new Frames();

    @Test
    void opensWithConnectedThenStartAsTwilioDoes() {
        TwilioWire wire = new TwilioWire(stream(2, "{\"FirstName\":\"Jane\",\"n\":1}"));
        wire.open(out);
        assertThat(out.texts()).containsExactly(
                "{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}",
                "{\"event\":\"start\",\"sequenceNumber\":\"1\",\"start\":{\"accountSid\":\"" + ACCOUNT
                        + "\",\"streamSid\":\"" + SID + "\",\"callSid\":\"" + CALL + "\",\"tracks\":[\"inbound\","
                        + "\"outbound\"],\"customParameters\":{\"FirstName\":\"Jane\",\"n\":1},\"mediaFormat\":"
                        + "{\"encoding\":\"audio/x-mulaw\",\"sampleRate\":8000,\"channels\":1}},\"streamSid\":\""
                        + SID + "\"}");
    }

    @Test
    void eachRecordIsOneMediaMessagePerTrackNumberedAsTwilioNumbers() {
        TwilioWire wire = new TwilioWire(stream(2, "{}"));
        wire.open(out);
        ByteBuf first = record(40, 2, (byte) 0x11);
        ByteBuf second = record(60, 2, (byte) 0x22);
        wire.audio(first, out);
        wire.audio(second, out);

        assertThat(first.refCnt()).as("record released").isZero();
        assertThat(second.refCnt()).as("record released").isZero();
        assertThat(out.texts().subList(2, 6)).containsExactly(
                media(2, "inbound", 1, 40, payload(0x11)),
                media(3, "outbound", 1, 40, payload(0x11 + 1)),
                media(4, "inbound", 2, 60, payload(0x22)),
                media(5, "outbound", 2, 60, payload(0x22 + 1)));
    }

    @Test
    void marksDigitsAndStopCarryTheNextSequenceNumber() {
        TwilioWire wire = new TwilioWire(stream(1, "{}"));
        wire.open(out);
        wire.audio(record(0, 1, (byte) 1), out);
        wire.mark("part \"1\"", MarkEvent.PLAYOUT, out);
        wire.mark("part 2", MarkEvent.CLEARED, out);
        wire.dtmf('#', out);
        wire.dtmf('!', out);   // flash is no key: not sent
        wire.close(out);

        assertThat(out.texts().subList(3, out.texts().size())).containsExactly(
                "{\"event\":\"mark\",\"sequenceNumber\":\"3\",\"streamSid\":\"" + SID
                        + "\",\"mark\":{\"name\":\"part \\\"1\\\"\"}}",
                "{\"event\":\"mark\",\"sequenceNumber\":\"4\",\"streamSid\":\"" + SID + "\",\"mark\":{\"name\":\"part 2\"}}",
                "{\"event\":\"dtmf\",\"streamSid\":\"" + SID + "\",\"sequenceNumber\":\"5\",\"dtmf\":{\"track\":"
                        + "\"inbound_track\",\"digit\":\"#\"}}",
                "{\"event\":\"stop\",\"sequenceNumber\":\"6\",\"stop\":{\"accountSid\":\"" + ACCOUNT + "\",\"callSid\":\""
                        + CALL + "\"},\"streamSid\":\"" + SID + "\"}");
        assertThat(wire.carriesDtmf()).isTrue();
    }

    @Test
    void everyConnectionStartsItsNumberingAfresh() {
        TwilioWire wire = new TwilioWire(stream(1, "{}"));
        wire.open(out);
        wire.audio(record(0, 1, (byte) 1), out);
        wire.audio(record(20, 1, (byte) 1), out);
        out.frames.clear();
        wire.open(out);
        wire.audio(record(500, 1, (byte) 3), out);
        assertThat(out.texts().get(1)).contains("\"sequenceNumber\":\"1\"");
        assertThat(out.texts().get(2)).isEqualTo(media(2, "inbound", 1, 500, payload(3)));
    }

    @Test
    void aMediaMessageFitsItsBufferWithNumbersOfEveryLength() {
        TwilioWire wire = new TwilioWire(stream(1, "{}"));
        wire.open(out);
        ByteBuf record = record(Integer.MAX_VALUE, 1, (byte) 0);
        record.setInt(0, -1);   // the largest timestamp: 2^32 - 1 ms
        wire.audio(record, out);
        String media = out.texts().get(2);
        assertThat(media).contains("\"timestamp\":\"4294967295\"");
        assertThat(media.length()).isLessThanOrEqualTo(TwilioWire.MEDIA_MESSAGE_BYTES);
    }

    @Test
    void writesDecimalsWithoutAllocating() {
        ByteBuf buf = Unpooled.buffer();
        for (long v : new long[] {0, 7, 10, 99, 1234567890123L, Long.MAX_VALUE}) {
            buf.clear();
            TwilioWire.writeDecimal(buf, v);
            assertThat(buf.toString(java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(Long.toString(v));
        }
    }

    private static TwilioStream stream(int tracks, String customParameters) {
        return new TwilioStream(SID, CALL, ACCOUNT, tracks == 2 ? List.of("inbound", "outbound") : List.of("inbound"),
                customParameters);
    }

    /** A capture record: timestamp, then each track's 160 bytes filled with {@code fill + track}. */
    private static ByteBuf record(int timestampMs, int tracks, byte fill) {
        ByteBuf b = Unpooled.buffer();
        b.writeInt(timestampMs);
        for (int t = 0; t < tracks; t++) {
            for (int i = 0; i < TwilioCapture.TRACK_BYTES; i++) {
                b.writeByte(fill + t);
            }
        }
        return b;
    }

    private static String payload(int fill) {
        byte[] bytes = new byte[TwilioCapture.TRACK_BYTES];
        java.util.Arrays.fill(bytes, (byte) fill);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String media(int seq, String track, int chunk, long timestamp, String payload) {
        return "{\"event\":\"media\",\"sequenceNumber\":\"" + seq + "\",\"media\":{\"track\":\"" + track
                + "\",\"chunk\":\"" + chunk + "\",\"timestamp\":\"" + timestamp + "\",\"payload\":\"" + payload
                + "\"},\"streamSid\":\"" + SID + "\"}";
    }

    /** Collects what the encoder writes. */
    private static final class Frames implements FrameSink {
        final List<WebSocketFrame> frames = new ArrayList<>();

        @Override
        public ByteBufAllocator alloc() {
            return UnpooledByteBufAllocator.DEFAULT;
        }

        @Override
        public void write(WebSocketFrame frame) {
            frames.add(frame);
        }

        List<String> texts() {
            return frames.stream().map(f -> ((TextWebSocketFrame) f).text()).toList();
        }
    }
}
