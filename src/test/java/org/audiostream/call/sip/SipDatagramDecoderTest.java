package org.audiostream.call.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SipDatagramDecoderTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 5070);
    private static final InetSocketAddress US = new InetSocketAddress("127.0.0.1", 5060);

    private static InboundSip decode(byte[] datagram, SipLimits limits) {
        EmbeddedChannel ch = new EmbeddedChannel(new SipDatagramDecoder(limits));
        ch.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(datagram), US, PEER));
        return ch.readInbound();
    }

    @Test
    void trailingOctetsBeyondContentLengthAreIgnored() {
        InboundSip in = decode(TortureFiles.bytes("dblreq.dat"), SipLimits.DEFAULT);
        assertThat(in.message().isValid()).isTrue();
        assertThat(in.message().body()).isEmpty();
        assertThat(in.remote()).isEqualTo(PEER);
        assertThat(in.transport()).isEqualTo(SipTransportType.UDP);
    }

    @Test
    void withoutContentLengthTheBodyIsTheRestOfTheDatagram() {
        InboundSip in = decode(TortureFiles.bytes("inv2543.dat"), SipLimits.DEFAULT);
        assertThat(in.message().body()).hasSize(105);
    }

    @Test
    void keepAliveDatagramsAreDropped() {
        assertThat(decode("\r\n\r\n".getBytes(StandardCharsets.US_ASCII), SipLimits.DEFAULT)).isNull();
    }

    @Test
    void bodyOneOctetOverTheLimitIsRejected() {
        SipLimits limits = new SipLimits(8192, 149);
        InboundSip in = decode(TortureFiles.bytes("wsinv.dat"), limits);
        assertThat(in.message().failure().detail()).isEqualTo("SIP body too large: Content-Length=150 > maxBodyBytes=149");
        assertThat(decode(TortureFiles.bytes("wsinv.dat"), new SipLimits(8192, 150)).message().isValid()).isTrue();
    }

    @Test
    void headerSectionOneOctetOverTheLimitIsRejected() {
        byte[] longreq = TortureFiles.bytes("longreq.dat");
        int head = new String(longreq, StandardCharsets.UTF_8).indexOf("\r\n\r\n") + 4;
        assertThat(decode(longreq, new SipLimits(head, 8192)).message().isValid()).isTrue();
        InboundSip over = decode(longreq, new SipLimits(head - 1, 8192));
        assertThat(over.message().failure().detail())
                .isEqualTo("SIP header section too large: " + head + " bytes > maxHeaderBytes=" + (head - 1));
    }

    @Test
    void datagramEndingInsideTheHeaderSectionIsRejected() {
        byte[] longreq = TortureFiles.bytes("longreq.dat");
        byte[] truncated = java.util.Arrays.copyOf(longreq, 2048);  // what a 2048-octet read buffer would keep
        InboundSip in = decode(truncated, SipLimits.DEFAULT);
        assertThat(in.message().failure().reason()).isEqualTo(SipFailureReason.HEADERS_UNTERMINATED);
        assertThat(in.message().failure().detail()).isEqualTo("datagram ends inside the header section: no empty line in 2048 octets");
    }
}
