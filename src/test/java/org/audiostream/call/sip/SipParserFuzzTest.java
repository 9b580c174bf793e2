package org.audiostream.call.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.audiostream.testing.Mutator;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 finding 10, unit level: mutated SIP messages (valid requests and the RFC 4475 torture set) and
 * SDP bodies never make the parsers throw anything but their declared exceptions, and an SDP the gateway
 * accepts always yields ports it can use. Bounded and deterministic: {@code -Dfuzz.count}, {@code -Dfuzz.seed}.
 */
class SipParserFuzzTest {

    private static final long SEED = 14_10_01L;

    static List<byte[]> sipCorpus() throws IOException {
        SipScript peer = new SipScript("fuzz-call");
        List<String> texts = new ArrayList<>(List.of(
                peer.invite("z9hG4bK-fuzz1", SipScript.OFFER_PCMU),
                peer.inviteWith("z9hG4bK-fuzz2", "X-AUDIO_STREAM_START: ws://127.0.0.1:9/x mono 8k\r\n", SipScript.OFFER_PCMU),
                peer.request("OPTIONS", "z9hG4bK-fuzz3", 1, "OPTIONS", "", null),
                peer.ack("z9hG4bK-fuzz4", null),
                peer.cancel("z9hG4bK-fuzz1"),
                peer.next("BYE", "z9hG4bK-fuzz5", "", null),
                "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-x\r\nFrom: <sip:a@b>;tag=1\r\n"
                        + "To: <sip:c@d>;tag=2\r\nCall-ID: r\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n"));
        List<byte[]> corpus = new ArrayList<>(Mutator.utf8(texts));
        try (Stream<Path> torture = Files.list(Path.of("src/test/resources/sip-torture"))) {
            for (Path p : torture.filter(f -> f.toString().endsWith(".dat")).sorted().toList()) {
                corpus.add(Files.readAllBytes(p));
            }
        }
        return corpus;
    }

    @Test
    void mutatedDatagramsParseToAMessageOrAFailureAndTheirHeadersReadSafely() throws IOException {
        Mutator m = new Mutator(sipCorpus(), Mutator.seed(SEED), 70_000);
        int cases = Mutator.count(20_000);
        for (int i = 0; i < cases; i++) {
            byte[] data = m.next();
            try {
                SipMessage msg = SipMessage.parseDatagram(data, 0, data.length);
                if (msg != null) {   // null: only line ends, a keep-alive
                    readEverything(msg);
                }
            } catch (RuntimeException e) {
                fail("case " + i + " (seed " + Mutator.seed(SEED) + ") threw on:\n" + new String(data,
                        java.nio.charset.StandardCharsets.ISO_8859_1), e);
            }
        }
    }

    @Test
    void mutatedStreamsInRandomChunksFrameWithoutThrowing() throws IOException {
        Mutator m = new Mutator(sipCorpus(), Mutator.seed(SEED + 1), 40_000);
        int cases = Mutator.count(20_000) / 10;
        for (int i = 0; i < cases; i++) {
            EmbeddedChannel ch = new EmbeddedChannel(new SipStreamDecoder(SipLimits.DEFAULT, SipTestPeer.deadline()));
            byte[] data = m.next();
            try {
                for (int at = 0; at < data.length; ) {
                    int n = Math.min(data.length - at, 1 + m.nextInt(600));
                    ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(data, at, at + n)));
                    at += n;
                }
                for (Object o = ch.readInbound(); o != null; o = ch.readInbound()) {
                    readEverything(((InboundSip) o).message());
                }
            } catch (RuntimeException e) {
                fail("stream case " + i + " threw", e);
            } finally {
                ch.finishAndReleaseAll();
            }
        }
    }

    @Test
    void mutatedSdpIsAcceptedWithUsablePortsOrRefusedWithAReason() {
        List<byte[]> corpus = Mutator.utf8(List.of(SipScript.OFFER_PCMU,
                SipScript.OFFER_PCMU.replace("m=audio 6000", "m=audio 65534") + "a=rtcp:6001\r\na=ptime:30\r\n",
                SipScript.OFFER_PCMU.replace("c=IN IP4 127.0.0.1", "c=IN IP6 ::1") + "a=sendonly\r\na=maxptime:40\r\n",
                SipScript.OFFER_PCMU + "m=video 7000 RTP/AVP 31\r\n"));
        Mutator m = new Mutator(corpus, Mutator.seed(SEED + 2), 8192);
        int cases = Mutator.count(20_000);
        for (int i = 0; i < cases; i++) {
            byte[] sdp = m.next();
            for (SdpOutcome o : new SdpOutcome[] {SdpOfferAnswer.processOffer(sdp), SdpOfferAnswer.processAnswer(sdp)}) {
                if (o instanceof SdpOutcome.Accepted a) {
                    NegotiatedMedia media = a.media();
                    assertThat(media.remoteRtp().getPort()).as("case %d RTP port", i).isBetween(0, 65535);
                    assertThat(media.remoteRtcpPort()).as("case %d RTCP port", i).isBetween(0, 65535);
                    assertThat(media.ptime()).as("case %d ptime", i).isBetween(10, 60);
                } else {
                    SdpOutcome.Rejected r = (SdpOutcome.Rejected) o;
                    assertThat(r.status()).as("case %d", i).isIn(400, 488);
                    assertThat(r.text()).isNotBlank();
                }
            }
        }
    }

    /** Every typed accessor the UAS uses; a malformed header may only raise {@link SipParseException}. */
    private static void readEverything(SipMessage msg) {
        msg.isValid();
        msg.startLine();
        for (var accessor : List.<Runnable>of(msg::vias, msg::topVia, msg::from, msg::to, msg::callId, msg::cseq,
                msg::maxForwards, msg::contacts, msg::recordRoutes, msg::routes, msg::contentType,
                () -> msg.tokens("Require"))) {
            try {
                accessor.run();
            } catch (SipParseException declared) {
                // a malformed header says so; the dispatcher answers 400
            }
        }
        if (msg instanceof SipRequest r && r.isValid()) {
            r.requestUri();
        }
    }
}
