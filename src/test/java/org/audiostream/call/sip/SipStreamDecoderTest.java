package org.audiostream.call.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SipStreamDecoderTest {

    private static final String OPTIONS = """
            OPTIONS sip:uas@127.0.0.1 SIP/2.0\r
            Via: SIP/2.0/TCP 127.0.0.1:5070;branch=z9hG4bK-1\r
            From: <sip:a@127.0.0.1>;tag=1\r
            To: <sip:uas@127.0.0.1>\r
            Call-ID: c1\r
            CSeq: 1 OPTIONS\r
            Content-Type: text/plain\r
            Content-Length: 5\r
            \r
            hello""";

    private static final SipLimits LIMITS = new SipLimits(512, 64);

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new SipStreamDecoder(LIMITS, SipTestPeer.deadline()));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decodesAWholeMessage() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(bytes(OPTIONS)));

        InboundSip in = ch.readInbound();
        assertThat(in.message().failure()).isNull();
        assertThat(new String(in.message().body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(in.closeAfterResponse()).isFalse();
        assertThat(ch.<Object>readInbound()).isNull();
    }

    @Test
    void decodesTheSameMessageSplitAtEveryOctet() {
        byte[] all = bytes(OPTIONS);
        for (int split = 1; split < all.length; split++) {
            EmbeddedChannel ch = channel();
            ch.writeInbound(Unpooled.wrappedBuffer(all, 0, split));
            assertThat(ch.<Object>readInbound()).as("split %d", split).isNull();
            ch.writeInbound(Unpooled.wrappedBuffer(all, split, all.length - split));
            InboundSip in = ch.readInbound();
            assertThat(in).as("split %d", split).isNotNull();
            assertThat(in.message().failure()).isNull();
            assertThat(in.message().body()).hasSize(5);
        }
    }

    @Test
    void decodesPipelinedMessagesWithKeepAlivesBetween() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(bytes("\r\n\r\n" + OPTIONS + "\r\n" + OPTIONS.replace("c1", "c2"))));

        InboundSip first = ch.readInbound();
        InboundSip second = ch.readInbound();
        assertThat(first.message().callId()).isEqualTo("c1");
        assertThat(second.message().callId()).isEqualTo("c2");
    }

    @Test
    void headerSectionAtTheLimitPassesAndOneOctetOverFailsAndDrops() {
        String base = OPTIONS.replace("Content-Length: 5\r\n\r\nhello", "Content-Length: 0\r\n\r\n");
        String pad = "X-Pad: ";
        int padLen = LIMITS.maxHeaderBytes() - bytes(base).length - pad.length() - 2;
        String exact = base.replace("Call-ID: c1\r\n", "Call-ID: c1\r\n" + pad + "a".repeat(padLen) + "\r\n");
        assertThat(bytes(exact)).hasSize(LIMITS.maxHeaderBytes());

        EmbeddedChannel ok = channel();
        ok.writeInbound(Unpooled.wrappedBuffer(bytes(exact)));
        assertThat(((InboundSip) ok.readInbound()).message().failure()).isNull();

        EmbeddedChannel over = channel();
        over.writeInbound(Unpooled.wrappedBuffer(bytes(exact.replace("X-Pad: ", "X-Pad: a"))));
        InboundSip in = over.readInbound();
        assertThat(in.message().failure().reason()).isEqualTo(SipFailureReason.HEADER_SECTION_TOO_LARGE);
        assertThat(in.message().failure().detail())
                .isEqualTo("SIP header section too large: > 512 bytes without blank line, maxHeaderBytes=512");
        assertThat(in.closeAfterResponse()).isTrue();
        assertThat(in.message().callId()).isEqualTo("c1");
        over.writeInbound(Unpooled.wrappedBuffer(bytes(OPTIONS)));
        assertThat(over.<Object>readInbound()).isNull();
    }

    @Test
    void bodyAtTheLimitPassesAndOneOctetOverFails() {
        String atLimit = OPTIONS.replace("Content-Length: 5", "Content-Length: 64").replace("hello", "b".repeat(64));
        EmbeddedChannel ok = channel();
        ok.writeInbound(Unpooled.wrappedBuffer(bytes(atLimit)));
        assertThat(((InboundSip) ok.readInbound()).message().body()).hasSize(64);

        EmbeddedChannel over = channel();
        over.writeInbound(Unpooled.wrappedBuffer(bytes(OPTIONS.replace("Content-Length: 5", "Content-Length: 65"))));
        InboundSip in = over.readInbound();
        assertThat(in.message().failure().reason()).isEqualTo(SipFailureReason.BODY_TOO_LARGE);
        assertThat(in.message().failure().detail()).isEqualTo("SIP body too large: Content-Length=65 > maxBodyBytes=64");
        assertThat(in.closeAfterResponse()).isTrue();
    }

    @Test
    void missingOrNegativeContentLengthLosesFraming() {
        EmbeddedChannel missing = channel();
        missing.writeInbound(Unpooled.wrappedBuffer(bytes(OPTIONS.replace("Content-Length: 5\r\n", ""))));
        InboundSip in = missing.readInbound();
        assertThat(in.message().failure().reason()).isEqualTo(SipFailureReason.CONTENT_LENGTH_MISSING);
        assertThat(in.closeAfterResponse()).isTrue();

        EmbeddedChannel negative = channel();
        negative.writeInbound(Unpooled.wrappedBuffer(TortureFiles.bytes("ncl.dat")));
        InboundSip ncl = negative.readInbound();
        assertThat(ncl.message().failure().reason()).isEqualTo(SipFailureReason.CONTENT_LENGTH_INVALID);
        assertThat(ncl.closeAfterResponse()).isTrue();
    }

    @Test
    void contentLengthLargerThanSentWaitsForMore() {
        EmbeddedChannel ch = new EmbeddedChannel(new SipStreamDecoder(new SipLimits(8192, 10000), SipTestPeer.deadline()));
        ch.writeInbound(Unpooled.wrappedBuffer(TortureFiles.bytes("clerr.dat")));
        assertThat(ch.<Object>readInbound()).isNull();
    }

    @Test
    void invalidMessageWithIntactFramingKeepsTheConnection() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(bytes(OPTIONS.replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE") + OPTIONS)));
        InboundSip bad = ch.readInbound();
        InboundSip good = ch.readInbound();
        assertThat(bad.message().failure().reason()).isEqualTo(SipFailureReason.CSEQ_METHOD_MISMATCH);
        assertThat(bad.closeAfterResponse()).isFalse();
        assertThat(good.message().failure()).isNull();
    }
}
