package org.audiostream.call.sip;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.audiostream.observe.CapturedLog;
import org.audiostream.observe.Component;
import org.audiostream.observe.LogFormat;
import org.junit.jupiter.api.Test;

class UasRequestChecksTest {

    private final UasHarness uas = new UasHarness();
    private final SipScript peer = new SipScript("call-3");

    private SipResponse only() {
        return (SipResponse) uas.sentOne();
    }

    @Test
    void optionsAnswersCapabilitiesOr503WhileDrainingOrFull() {
        uas.receive(peer.request("OPTIONS", "z9hG4bK-o1", 1, "OPTIONS", "", null));
        SipResponse ok = only();
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.headers().first("Allow")).isEqualTo("INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, REFER, NOTIFY");
        assertThat(ok.headers().first("Accept")).isEqualTo("application/sdp");
        assertThat(ok.headers().first("Supported")).isEqualTo("timer");
        assertThat(ok.to().tag()).isNotNull();

        uas.ctx.draining = true;
        uas.receive(peer.request("OPTIONS", "z9hG4bK-o2", 2, "OPTIONS", "", null));
        SipResponse busy = only();
        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.headers().first("Retry-After")).isEqualTo("30");

        uas.receive(peer.invite("z9hG4bK-i1", SipScript.OFFER_PCMU));
        SipResponse refused = only();
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.headers().first("Warning")).isEqualTo("399 127.0.0.1 \"not accepting calls: draining\"");
        assertThat(uas.handler.events()).isEmpty();
    }

    @Test
    void admissionCapRefusesTheCallPastMaxSessions() {
        UasHarness capped = new UasHarness(SipUasConfig.builder().maxSessions(1));
        capped.receive(new SipScript("a").invite("z9hG4bK-a", SipScript.OFFER_PCMU));
        capped.receive(new SipScript("b").invite("z9hG4bK-b", SipScript.OFFER_PCMU));
        List<SipMessage> sent = capped.sent();
        SipResponse last = (SipResponse) sent.get(sent.size() - 1);
        assertThat(last.status()).isEqualTo(503);
        assertThat(last.headers().first("Warning")).isEqualTo("399 127.0.0.1 \"not accepting calls: calls=1 >= maxSessions=1\"");
        assertThat(capped.ctx.calls.live()).isEqualTo(1);
    }

    @Test
    void methodRequireAndSchemeChecks() {
        uas.receive(peer.request("INFO", "z9hG4bK-1", 1, "INFO", "", null));
        SipResponse info = only();
        assertThat(info.status()).isEqualTo(405);
        assertThat(info.headers().first("Allow")).isEqualTo(UasResponses.ALLOWED_METHODS);

        uas.receive(peer.request("FOO", "z9hG4bK-2", 2, "FOO", "", null));
        assertThat(only().status()).isEqualTo(501);

        uas.receive(peer.request("OPTIONS", "z9hG4bK-3", 3, "OPTIONS", "Require: foo, timer\r\n", null));
        SipResponse ext = only();
        assertThat(ext.status()).isEqualTo(420);
        assertThat(ext.headers().first("Unsupported")).isEqualTo("foo");

        uas.receive(peer.request("OPTIONS", "z9hG4bK-4", 4, "OPTIONS", "", null).replace("OPTIONS sip:uas@127.0.0.1:5060", "OPTIONS tel:+15551234"));
        SipResponse scheme = only();
        assertThat(scheme.status()).isEqualTo(416);

        uas.receive(peer.request("BYE", "z9hG4bK-5", 5, "BYE", "", null));
        assertThat(only().status()).isEqualTo(481);
    }

    @Test
    void bodiesOtherThanSdpAre415AndAcceptWithoutSdpIs406() {
        uas.receive(SipScript.withBody(peer.request("INVITE", "z9hG4bK-1", 1, "INVITE", "", null).replace("Content-Length: 0\r\n\r\n", ""),
                "application/unknownformat", "<audio/>"));
        List<SipMessage> sent = uas.sent();
        SipResponse r = (SipResponse) sent.get(sent.size() - 1);
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.headers().first("Accept")).isEqualTo("application/sdp");

        uas.receive(peer.request("INVITE", "z9hG4bK-2", 2, "INVITE", "Accept: text/nobodyKnowsThis\r\n", SipScript.OFFER_PCMU));
        sent = uas.sent();
        assertThat(((SipResponse) sent.get(sent.size() - 1)).status()).isEqualTo(406);
    }

    @Test
    void invalidRequestsGet400Or505WithWarningWhenAnswerable() {
        uas.receive(new String(TortureFiles.bytes("mismatch01.dat"), StandardCharsets.UTF_8));
        SipResponse mismatch = only();
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.reasonPhrase()).isEqualTo("CSeq Method Mismatch");
        assertThat(mismatch.headers().first("Warning"))
                .isEqualTo("399 127.0.0.1 \"CSeq method=INVITE differs from request method=OPTIONS\"");

        uas.receive(new String(TortureFiles.bytes("badvers.dat"), StandardCharsets.UTF_8));
        assertThat(only().status()).isEqualTo(505);

        uas.receive(new String(TortureFiles.bytes("insuf.dat"), StandardCharsets.UTF_8));
        SipResponse insuf = only();
        assertThat(insuf.status()).isEqualTo(400);
        assertThat(insuf.reasonPhrase()).isEqualTo("Missing Header");

        uas.receive(new String(TortureFiles.bytes("badinv01.dat"), StandardCharsets.UTF_8));
        assertThat(uas.sent()).isEmpty();  // top Via unparseable: nowhere to send a response
        assertThat(uas.ctx.counters.invalid()).containsEntry(SipFailureReason.CSEQ_METHOD_MISMATCH, 1L)
                .containsEntry(SipFailureReason.VERSION_UNSUPPORTED, 1L).containsEntry(SipFailureReason.HEADER_MISSING, 1L)
                .containsEntry(SipFailureReason.VIA_INVALID, 1L);
        assertThat(uas.ctx.counters.dropped()).isEqualTo(1);
    }

    @Test
    void rejectedRequestsAreLoggedOncePerIntervalNotPerMessage() {
        try (CapturedLog log = new CapturedLog(Component.SIP, LogFormat.TEXT, Level.WARN)) {
            for (String file : List.of("mismatch01.dat", "badvers.dat", "insuf.dat", "badinv01.dat")) {
                uas.receive(new String(TortureFiles.bytes(file), StandardCharsets.UTF_8));
            }
            assertThat(log.lines).singleElement().asString().endsWith("WARN   [-] SIP request rejected"
                    + " reason=CSEQ_METHOD_MISMATCH detail=\"CSeq method=INVITE differs from request method=OPTIONS\""
                    + " remote=/127.0.0.1:5070 suppressed=0");
        }
        assertThat(uas.ctx.counters.invalid().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(4);
    }

    @Test
    void responsesFollowRportAndReceived() {
        InetSocketAddress natted = new InetSocketAddress("127.0.0.1", 40000);
        uas.receive(peer.request("OPTIONS", "z9hG4bK-1", 1, "OPTIONS", "", null).replace(";branch=z9hG4bK-1", ";branch=z9hG4bK-1;rport"), natted);
        SipResponse r = only();
        assertThat(uas.lastRecipient()).isEqualTo(natted);
        assertThat(r.topVia().params()).containsEntry("received", "127.0.0.1").containsEntry("rport", "40000");

        uas.receive(peer.request("OPTIONS", "z9hG4bK-2", 2, "OPTIONS", "", null).replace("UDP 127.0.0.1:5070", "UDP client.example.com:5070"), natted);
        SipResponse r2 = only();
        assertThat(uas.lastRecipient()).isEqualTo(new InetSocketAddress("127.0.0.1", 5070));
        assertThat(r2.topVia().received()).isEqualTo("127.0.0.1");
    }

    @Test
    void mergedRequestIs482() {
        uas.receive(peer.request("OPTIONS", "z9hG4bK-path1", 1, "OPTIONS", "", null));
        uas.sent();
        uas.receive(peer.request("OPTIONS", "z9hG4bK-path2", 1, "OPTIONS", "", null));
        assertThat(only().status()).isEqualTo(482);
    }

    @Test
    void rfc2543InviteWithoutBranchIsMatchedForRetransmissionAndAck() {
        String inv2543 = new String(TortureFiles.bytes("inv2543.dat"), StandardCharsets.UTF_8);
        uas.receive(inv2543);
        assertThat(uas.sentStatuses()).containsExactly(100, 180, 200);
        uas.receive(inv2543);
        assertThat(uas.sent()).isEmpty();  // absorbed by the Accepted transaction
        assertThat(uas.handler.events()).containsExactly("invite PCMU");
    }

    @Test
    void strayResponsesAndAcksAreDroppedAndCounted() {
        uas.receive(new String(TortureFiles.bytes("bcast.dat"), StandardCharsets.UTF_8));
        uas.receive(new String(TortureFiles.bytes("bigcode.dat"), StandardCharsets.UTF_8));
        uas.receive(peer.ack("z9hG4bK-stray", null));
        assertThat(uas.sent()).isEmpty();
        assertThat(uas.ctx.counters.dropped()).isEqualTo(3);
        assertThat(uas.ctx.counters.invalid()).containsEntry(SipFailureReason.STATUS_CODE_INVALID, 1L);
    }
}
