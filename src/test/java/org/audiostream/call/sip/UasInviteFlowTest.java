package org.audiostream.call.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class UasInviteFlowTest {

    private final UasHarness uas = new UasHarness();
    private final SipScript peer = new SipScript("call-1");

    private SipResponse answerCall() {
        uas.receive(peer.invite("z9hG4bK-inv1", SipScript.OFFER_PCMU));
        List<SipMessage> sent = uas.sent();
        assertThat(sent).extracting(m -> ((SipResponse) m).status()).containsExactly(100, 180, 200);
        SipResponse ok = (SipResponse) sent.get(2);
        peer.toTag = ok.to().tag();
        return ok;
    }

    @Test
    void inviteAckByeCompleteACallAndCleanUp() {
        SipResponse ok = answerCall();

        assertThat(ok.to().tag()).isNotNull();
        assertThat(ok.headers().first("Contact")).isEqualTo("<sip:127.0.0.1:5060>");
        assertThat(ok.headers().first("Allow")).isEqualTo(UasResponses.ALLOWED_METHODS);
        assertThat(UasHarness.body(ok)).contains("m=audio 30000 RTP/AVP 0 101\r\n", "a=rtpmap:101 telephone-event/8000\r\n",
                "a=ptime:20\r\n", "a=sendrecv\r\n", "c=IN IP4 127.0.0.1\r\n");
        assertThat(uas.handler.events()).containsExactly("invite PCMU");
        SipCall call = uas.handler.calls.get(0);
        assertThat(call.state()).isEqualTo(SipCallState.ANSWERED);
        assertThat(call.requestUser()).isEqualTo("uas");
        assertThat(call.media().remoteRtp().getPort()).isEqualTo(6000);
        assertThat(call.media().telephoneEventPt()).isEqualTo(101);

        uas.receive(peer.ack("z9hG4bK-ack1", null));
        assertThat(call.state()).isEqualTo(SipCallState.CONFIRMED);
        assertThat(uas.sent()).isEmpty();

        uas.receive(peer.next("BYE", "z9hG4bK-bye1", "", null));
        SipResponse byeOk = (SipResponse) uas.sentOne();
        assertThat(byeOk.status()).isEqualTo(200);
        assertThat(byeOk.cseq().method()).isEqualTo("BYE");
        assertThat(uas.handler.events()).containsExactly("invite PCMU", "answered", "ended NORMAL_CLEARING");
        assertThat(uas.ctx.calls.live()).isZero();
        assertThat(uas.ctx.calls.dialogs()).isZero();
        uas.advance(64 * 100 + 100);
        assertThat(uas.ctx.transactions.serverCount()).isZero();
        assertThat(uas.ctx.counters.retransmissionsSent()).isZero();
    }

    @Test
    void twoHundredIsRetransmittedUntilAckThenNoAckEndsTheCallWithBye() {
        answerCall();
        // T1=100 doubling to T2=400: retransmissions at 100, 300, 700, 1100, ...
        uas.advance(100);
        assertThat(uas.sentStatuses()).containsExactly(200);
        uas.advance(200);
        assertThat(uas.sentStatuses()).containsExactly(200);
        uas.advance(400);
        assertThat(uas.sentStatuses()).containsExactly(200);
        uas.advance(400);
        assertThat(uas.sentStatuses()).containsExactly(200);

        uas.advance(64 * 100 - 1100);  // Timer L at 64·T1
        List<SipMessage> sent = uas.sent();
        SipRequest bye = (SipRequest) sent.get(sent.size() - 1);
        assertThat(bye.method()).isEqualTo("BYE");
        assertThat(bye.headers().first("Reason")).isEqualTo("Q.850;cause=102;text=\"no ACK for 200 OK\"");
        assertThat(bye.to().tag()).isEqualTo("peer-tag");
        assertThat(bye.requestUri().toString()).isEqualTo("sip:peer@127.0.0.1:5070");
        assertThat(uas.handler.events()).containsExactly("invite PCMU", "ended ACK_TIMEOUT");
        assertThat(uas.ctx.counters.ackTimeouts()).isEqualTo(1);

        uas.receive(UasHarness.responseTo(bye, 200, "OK"));
        assertThat(uas.ctx.calls.dialogs()).isZero();
    }

    @Test
    void retransmittedInviteGetsTheLastProvisionalAgain() {
        SipUasConfig.Builder cfg = SipUasConfig.builder().ringing(true, Duration.ofSeconds(5));
        UasHarness slow = new UasHarness(cfg);
        slow.receive(peer.invite("z9hG4bK-inv1", SipScript.OFFER_PCMU));
        assertThat(slow.sentStatuses()).containsExactly(100, 180);

        slow.receive(peer.invite("z9hG4bK-inv1", SipScript.OFFER_PCMU));
        assertThat(slow.sentStatuses()).containsExactly(180);
        assertThat(slow.handler.events()).containsExactly("invite PCMU");
        assertThat(slow.ctx.counters.retransmissionsReceived()).isEqualTo(1);
    }

    @Test
    void cancelBeforeAnswerGives487AndEndsTheCall() {
        UasHarness slow = new UasHarness(SipUasConfig.builder().ringing(true, Duration.ofSeconds(5)));
        slow.receive(peer.invite("z9hG4bK-inv1", SipScript.OFFER_PCMU));
        slow.sent();

        slow.receive(peer.cancel("z9hG4bK-inv1"));
        List<SipMessage> sent = slow.sent();
        assertThat(sent).extracting(m -> ((SipResponse) m).status() + " " + ((SipResponse) m).cseq().method())
                .containsExactly("200 CANCEL", "487 INVITE");
        assertThat(slow.handler.events()).containsExactly("invite PCMU", "ended ORIGINATOR_CANCEL");

        slow.receive(peer.ackError("z9hG4bK-inv1"));
        assertThat(slow.sent()).isEmpty();
        slow.advance(6500);
        assertThat(slow.sent()).isEmpty();  // no 200 after the cancel, no 487 retransmission after the ACK
        assertThat(slow.ctx.transactions.serverCount()).isZero();
        assertThat(slow.ctx.calls.live()).isZero();
    }

    @Test
    void errorResponseIsRetransmittedUntilAckOnUdp() {
        uas.receive(peer.invite("z9hG4bK-inv1", SipScript.OFFER_PCMU.replace("RTP/AVP 0 101", "RTP/AVP 9 18")
                .replace("a=rtpmap:0 PCMU/8000\r\n", "")));
        assertThat(uas.sentStatuses()).containsExactly(100, 488);
        uas.advance(100);
        assertThat(uas.sentStatuses()).containsExactly(488);
        uas.receive(peer.ackError("z9hG4bK-inv1"));
        uas.advance(2000);
        assertThat(uas.sent()).isEmpty();
    }

    @Test
    void noCommonCodecIs488WithWarning305AndNoCall() {
        uas.receive(peer.invite("z9hG4bK-inv1", SipScript.OFFER_PCMU.replace("RTP/AVP 0 101", "RTP/AVP 9 18")
                .replace("a=rtpmap:0 PCMU/8000\r\n", "a=rtpmap:18 G729/8000\r\n")));
        List<SipMessage> sent = uas.sent();
        SipResponse r = (SipResponse) sent.get(1);

        assertThat(r.status()).isEqualTo(488);
        assertThat(r.headers().first("Warning")).isEqualTo("305 127.0.0.1 \"SDP offer rejected: no common codec; offered "
                + "[9 G722, 18 G729], we accept [0 PCMU, 8 PCMA]\"");
        assertThat(uas.handler.events()).isEmpty();
    }

    @Test
    void lateOfferPutsOurOfferIn200AndTakesTheAnswerFromTheAck() {
        uas.receive(peer.invite("z9hG4bK-inv1", null));
        List<SipMessage> sent = uas.sent();
        SipResponse ok = (SipResponse) sent.get(2);
        peer.toTag = ok.to().tag();
        assertThat(UasHarness.body(ok)).contains("m=audio 30000 RTP/AVP 0 8 101\r\n", "a=rtpmap:8 PCMA/8000\r\n");
        assertThat(uas.handler.calls.get(0).media()).isNull();

        uas.receive(peer.ack("z9hG4bK-ack1", SipScript.OFFER_PCMU.replace("RTP/AVP 0 101", "RTP/AVP 8 101")
                .replace("a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000")));
        assertThat(uas.handler.events()).containsExactly("invite late-offer", "media SENDRECV PCMA 6000", "answered");
    }

    @Test
    void lateOfferAckWithoutAnswerEndsTheCall() {
        uas.receive(peer.invite("z9hG4bK-inv1", null));
        peer.toTag = ((SipResponse) uas.sent().get(2)).to().tag();

        uas.receive(peer.ack("z9hG4bK-ack1", null));
        SipRequest bye = (SipRequest) uas.sentOne();
        assertThat(bye.method()).isEqualTo("BYE");
        assertThat(bye.headers().first("Reason")).isEqualTo("Q.850;cause=88;text=\"ACK carries no SDP answer to our offer\"");
        assertThat(uas.handler.events()).containsExactly("invite late-offer", "ended INCOMPATIBLE_MEDIA");
    }

    @Test
    void rejectionFromTheHandlerIsSentAndEndsTheCall() {
        uas.handler.rejecter = c -> new CallRejection(503, "No RTP Ports", 5);
        uas.receive(peer.invite("z9hG4bK-inv1", SipScript.OFFER_PCMU));
        SipResponse r = (SipResponse) uas.sent().get(1);

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.reasonPhrase()).isEqualTo("No RTP Ports");
        assertThat(r.headers().first("Retry-After")).isEqualTo("5");
        assertThat(uas.handler.events()).containsExactly("invite PCMU", "ended CALL_REJECTED");
        assertThat(uas.ctx.calls.live()).isZero();
    }

    @Test
    void localHangupBeforeAnswerSends480WithReason() {
        UasHarness slow = new UasHarness(SipUasConfig.builder().ringing(true, Duration.ofSeconds(5)));
        slow.receive(peer.invite("z9hG4bK-inv1", SipScript.OFFER_PCMU));
        slow.sent();
        slow.handler.calls.get(0).hangup("no route");

        SipResponse r = (SipResponse) slow.sentOne();
        assertThat(r.status()).isEqualTo(480);
        assertThat(r.headers().first("Reason")).isEqualTo("Q.850;cause=16;text=\"no route\"");
        assertThat(slow.handler.events()).containsExactly("invite PCMU", "ended NORMAL_CLEARING");
    }

    @Test
    void localHangupBeforeAckWaitsForTheAckThenSendsBye() {
        answerCall();
        uas.handler.calls.get(0).hangup("bye early");
        assertThat(uas.handler.events()).containsExactly("invite PCMU", "ended NORMAL_CLEARING");
        assertThat(uas.sent()).isEmpty();

        uas.receive(peer.ack("z9hG4bK-ack1", null));
        SipRequest bye = (SipRequest) uas.sentOne();
        assertThat(bye.method()).isEqualTo("BYE");
        assertThat(uas.handler.events()).doesNotContain("answered");
    }
}
