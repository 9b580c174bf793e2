package org.audiostream.call.sip;

import org.audiostream.call.MediaDirection;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UasInDialogTest {

    private final UasHarness uas = new UasHarness();
    private final SipScript peer = new SipScript("call-2");
    private SipCall call;

    @BeforeEach
    void establish() {
        uas.receive(peer.invite("z9hG4bK-inv1", SipScript.OFFER_PCMU));
        peer.toTag = ((SipResponse) uas.sent().get(2)).to().tag();
        uas.receive(peer.ack("z9hG4bK-ack1", null));
        call = uas.handler.calls.get(0);
        uas.handler.events.clear();
    }

    private SipResponse lastResponse() {
        List<SipMessage> sent = uas.sent();
        return (SipResponse) sent.get(sent.size() - 1);
    }

    @Test
    void reInviteHoldAndUnholdFollowRfc3264AndBumpTheSdpVersion() {
        String hold = SipScript.OFFER_PCMU + "a=sendonly\r\n";
        uas.receive(peer.next("INVITE", "z9hG4bK-re1", "", hold));
        SipResponse ok = lastResponse();
        assertThat(ok.status()).isEqualTo(200);
        assertThat(UasHarness.body(ok)).contains("a=recvonly\r\n");
        assertThat(call.media().direction()).isEqualTo(MediaDirection.RECVONLY);
        uas.receive(peer.ack("z9hG4bK-ack2", null));

        uas.receive(peer.next("INVITE", "z9hG4bK-re2", "", SipScript.OFFER_PCMU));
        SipResponse unhold = lastResponse();
        assertThat(UasHarness.body(unhold)).contains("a=sendrecv\r\n");
        uas.receive(peer.ack("z9hG4bK-ack3", null));

        long v1 = Long.parseLong(SdpParser.parse(ok.body()).line('o').split(" ")[2]);
        long v2 = Long.parseLong(SdpParser.parse(unhold.body()).line('o').split(" ")[2]);
        assertThat(v2).isEqualTo(v1 + 1);
        assertThat(uas.handler.events()).containsExactly("media RECVONLY PCMU 6000", "media SENDRECV PCMU 6000");
        assertThat(call.state()).isEqualTo(SipCallState.CONFIRMED);
    }

    @Test
    void holdByConnectionAddressZero() {
        uas.receive(peer.next("INVITE", "z9hG4bK-re1", "", SipScript.OFFER_PCMU.replace("c=IN IP4 127.0.0.1", "c=IN IP4 0.0.0.0")));
        assertThat(UasHarness.body(lastResponse())).contains("a=recvonly\r\n");
        assertThat(call.media().remoteRtp().getAddress().isAnyLocalAddress()).isTrue();
    }

    @Test
    void rejectedReInviteKeepsTheSession() {
        uas.receive(peer.next("INVITE", "z9hG4bK-re1", "", SipScript.OFFER_PCMU.replace("RTP/AVP 0 101", "RTP/AVP 9")));
        assertThat(lastResponse().status()).isEqualTo(488);
        assertThat(call.state()).isEqualTo(SipCallState.CONFIRMED);
        assertThat(call.media().encodingName()).isEqualTo("PCMU");
    }

    @Test
    void updateWithOfferIsAnsweredAndUpdateWithoutSdpIsARefresh() {
        uas.receive(peer.next("UPDATE", "z9hG4bK-up1", "", SipScript.OFFER_PCMU + "a=inactive\r\n"));
        SipResponse ok = lastResponse();
        assertThat(ok.status()).isEqualTo(200);
        assertThat(UasHarness.body(ok)).contains("a=inactive\r\n");

        uas.receive(peer.next("UPDATE", "z9hG4bK-up2", "Session-Expires: 1800\r\nSupported: timer\r\n", null));
        SipResponse refresh = lastResponse();
        assertThat(refresh.status()).isEqualTo(200);
        assertThat(refresh.body()).isEmpty();
        assertThat(refresh.headers().first("Session-Expires")).isEqualTo("1800;refresher=uac");
        assertThat(refresh.headers().first("Require")).isEqualTo("timer");
    }

    @Test
    void offerWhileOursIsPendingGets491() {
        uas.receive(peer.next("INVITE", "z9hG4bK-re1", "", null));  // we offer in the 200, answer due in ACK
        assertThat(UasHarness.body(lastResponse())).contains("RTP/AVP 0 8 101");

        uas.receive(peer.next("UPDATE", "z9hG4bK-up1", "", SipScript.OFFER_PCMU));
        SipResponse glare = lastResponse();
        assertThat(glare.status()).isEqualTo(491);
        assertThat(glare.headers().first("Warning")).isEqualTo("399 127.0.0.1 \"our offer is awaiting its answer\"");
    }

    @Test
    void localHangupSendsByeWithReasonRetransmitsItAndCleansUpOn200() {
        call.hangup("caller done");
        SipRequest bye = (SipRequest) uas.sentOne();
        assertThat(bye.method()).isEqualTo("BYE");
        assertThat(bye.headers().first("Reason")).isEqualTo("Q.850;cause=16;text=\"caller done\"");
        assertThat(bye.topVia().toString()).startsWith("SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK");
        assertThat(bye.from().tag()).isEqualTo(peer.toTag);
        assertThat(uas.lastRecipient()).isEqualTo(UasHarness.PEER);
        assertThat(uas.handler.events()).containsExactly("ended NORMAL_CLEARING");
        assertThat(uas.ctx.calls.live()).isZero();

        uas.advance(100);  // Timer E
        assertThat(((SipRequest) uas.sentOne()).method()).isEqualTo("BYE");
        uas.receive(UasHarness.responseTo(bye, 200, "OK"));
        assertThat(uas.ctx.calls.dialogs()).isZero();
        uas.advance(500);  // Timer K
        assertThat(uas.ctx.transactions.clientCount()).isZero();
        assertThat(uas.ctx.counters.responsesReceived(200)).isEqualTo(1);
    }

    @Test
    void byeWithoutAnswerTimesOutAndStillCleansUp() {
        call.hangup("gone");
        uas.advance(64 * 100 + 10);
        assertThat(uas.ctx.counters.clientTimeouts()).isEqualTo(1);
        assertThat(uas.ctx.calls.dialogs()).isZero();
        assertThat(uas.ctx.transactions.clientCount()).isZero();
    }

    @Test
    void retransmittedByeGetsThe200Again() {
        String bye = peer.next("BYE", "z9hG4bK-bye1", "", null);
        uas.receive(bye);
        uas.receive(bye);
        assertThat(uas.sentStatuses()).containsExactly(200, 200);
        assertThat(uas.handler.events()).containsExactly("ended NORMAL_CLEARING");
    }

    @Test
    void referIsAcceptedAndReportedWithSipfragNotifies() {
        uas.receive(peer.next("REFER", "z9hG4bK-ref1", "Refer-To: <sip:bob@127.0.0.1>\r\n", null));
        List<SipMessage> sent = uas.sent();
        assertThat(((SipResponse) sent.get(0)).status()).isEqualTo(202);
        SipRequest trying = (SipRequest) sent.get(1);
        assertThat(trying.method()).isEqualTo("NOTIFY");
        assertThat(trying.headers().first("Event")).isEqualTo("refer;id=" + peer.cseq);
        assertThat(trying.headers().first("Subscription-State")).isEqualTo("active;expires=60");
        assertThat(trying.headers().first("Content-Type")).isEqualTo("message/sipfrag;version=2.0");
        assertThat(UasHarness.body(trying)).isEqualTo("SIP/2.0 100 Trying\r\n");
        assertThat(uas.handler.events()).containsExactly("refer <sip:bob@127.0.0.1>");

        uas.handler.refers.get(0).finish(200, "OK");
        uas.udp.runPendingTasks();
        SipRequest done = (SipRequest) uas.sentOne();
        assertThat(UasHarness.body(done)).isEqualTo("SIP/2.0 200 OK\r\n");
        assertThat(done.headers().first("Subscription-State")).isEqualTo("terminated;reason=noresource");
        assertThat(done.cseq().number()).isEqualTo(trying.cseq().number() + 1);
    }

    @Test
    void referWithoutReferToIs400() {
        uas.receive(peer.next("REFER", "z9hG4bK-ref1", "", null));
        assertThat(lastResponse().status()).isEqualTo(400);
    }

    @Test
    void outOfOrderCseqIs500AndUnknownDialogIs481() {
        peer.cseq = -1;
        uas.receive(peer.next("OPTIONS", "z9hG4bK-opt1", "", null));
        SipResponse r = lastResponse();
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.headers().first("Warning")).isEqualTo("399 127.0.0.1 \"CSeq=0 < last remote CSeq=1\"");

        peer.toTag = "not-ours";
        peer.cseq = 10;
        uas.receive(peer.next("BYE", "z9hG4bK-bye9", "", null));
        assertThat(lastResponse().status()).isEqualTo(481);
    }

    @Test
    void sessionTimerRefreshedByPeerEndsTheCallWhenRefreshesStop() {
        uas.receive(peer.next("UPDATE", "z9hG4bK-up1", "Session-Expires: 90;refresher=uac\r\nSupported: timer\r\n", null));
        assertThat(lastResponse().headers().first("Session-Expires")).isEqualTo("90;refresher=uac");

        uas.advance(SessionTimer.byeDelayMillis(90) - 50);
        assertThat(uas.sent()).isEmpty();
        uas.advance(60);
        SipRequest bye = (SipRequest) uas.sentOne();
        assertThat(bye.headers().first("Reason")).isEqualTo("Q.850;cause=102;text=\"session expired without refresh\"");
        assertThat(uas.handler.events()).containsExactly("ended SESSION_TIMEOUT");
    }

    @Test
    void sessionTimerWeRefreshSendsUpdateAtHalfTheInterval() {
        uas.receive(peer.next("UPDATE", "z9hG4bK-up1", "Session-Expires: 120;refresher=uas\r\nSupported: timer\r\n", null));
        SipResponse ok = lastResponse();
        assertThat(ok.headers().first("Session-Expires")).isEqualTo("120;refresher=uas");
        assertThat(ok.headers().contains("Require")).isFalse();

        uas.advance(60_000);
        SipRequest update = (SipRequest) uas.sentOne();
        assertThat(update.method()).isEqualTo("UPDATE");
        assertThat(update.headers().first("Session-Expires")).isEqualTo("120;refresher=uas");
        uas.receive(UasHarness.responseTo(update, 481, "Call Does Not Exist"));
        assertThat(uas.handler.events()).containsExactly("ended NETWORK_FAILURE");
    }

    @Test
    void sessionIntervalBelowMinSeIs422() {
        uas.receive(peer.next("UPDATE", "z9hG4bK-up1", "Session-Expires: 30\r\nSupported: timer\r\n", SipScript.OFFER_PCMU));
        SipResponse r = lastResponse();
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.headers().first("Min-SE")).isEqualTo("90");
    }
}
