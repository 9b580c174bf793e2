package org.audiostream.call.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The UAS on real loopback sockets (UDP and TCP) against a raw test peer. */
class SipUasIT {

    private static final String INVITE = """
            INVITE sip:bot@127.0.0.1 SIP/2.0\r
            Via: SIP/2.0/TRANSPORT 127.0.0.1:PEERPORT;branch=z9hG4bK-it-BRANCH\r
            Max-Forwards: 70\r
            From: <sip:peer@127.0.0.1:PEERPORT>;tag=pt1\r
            To: <sip:bot@127.0.0.1>\r
            Call-ID: CALLID\r
            CSeq: 1 INVITE\r
            Contact: <sip:peer@127.0.0.1:PEERPORT;transport=TRANSPORT>\r
            X-AUDIO_STREAM_MODE: mono\r
            """;

    private Set<String> threadsBefore;
    private MediaPortHandler handler;
    private SipUas uas;

    @BeforeEach
    void start() {
        threadsBefore = UasTestSupport.threadNames();
        handler = new MediaPortHandler();
        uas = new SipUas(UasTestSupport.config().build(), handler);
        uas.start();
    }

    @AfterEach
    void stop() {
        uas.close();
        handler.close();
        UasTestSupport.assertThreadsBackTo(threadsBefore);
    }

    private static String invite(String callId) {
        return SipScript.withBody(INVITE.replace("CALLID", callId).replace("BRANCH", callId), "application/sdp", SipScript.OFFER_PCMU);
    }

    private static String inDialog(String method, String callId, String toTag, int cseq, String branch) {
        return INVITE.replace("INVITE sip:bot@127.0.0.1", method + " sip:bot@127.0.0.1").replace("CALLID", callId)
                .replace("BRANCH", branch).replace("To: <sip:bot@127.0.0.1>", "To: <sip:bot@127.0.0.1>;tag=" + toTag)
                .replace("CSeq: 1 INVITE", "CSeq: " + cseq + " " + method) + "Content-Length: 0\r\n\r\n";
    }

    @Test
    void closeReleasesTheListeningPortAtOnce() throws IOException {
        InetSocketAddress bound = uas.localAddress();
        uas.close();
        try (DatagramChannel udp = DatagramChannel.open().bind(bound);
             ServerSocketChannel tcp = ServerSocketChannel.open().bind(bound)) {
            assertThat(udp.getLocalAddress()).isEqualTo(bound);
            assertThat(tcp.getLocalAddress()).isEqualTo(bound);
        }
    }

    @Test
    void udpCallFromInviteToRemoteBye() {
        try (SipTestPeer peer = SipTestPeer.udp(uas.localAddress())) {
            peer.send(invite("udp-1"));
            peer.expect(100);
            SipResponse ok = peer.expect(200);
            assertThat(new String(ok.body(), StandardCharsets.UTF_8)).contains("m=audio " + handler.mediaPort() + " RTP/AVP 0 101");
            String tag = ok.to().tag();

            peer.send(inDialog("ACK", "udp-1", tag, 1, "ack1"));
            await().atMost(Duration.ofSeconds(2)).until(() -> handler.recorder.events().contains("answered"));
            SipCall call = handler.recorder.calls.get(0);
            assertThat(call.inviteHeaders().first("X-AUDIO_STREAM_MODE")).isEqualTo("mono");
            assertThat(uas.call(call.uuid())).contains(call);

            peer.send(inDialog("BYE", "udp-1", tag, 2, "bye1"));
            assertThat(peer.expect(200).cseq().method()).isEqualTo("BYE");
        }
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(handler.recorder.events()).containsExactly("invite PCMU", "answered", "ended NORMAL_CLEARING"));
        UasTestSupport.assertDrained(uas);
    }

    @Test
    void tcpCallReusesTheConnectionForResponsesAndOurBye() {
        try (SipTestPeer peer = SipTestPeer.tcp(uas.localAddress())) {
            peer.send(invite("tcp-1"));
            SipResponse ok = peer.expect(200);
            assertThat(ok.headers().first("Contact")).isEqualTo("<sip:127.0.0.1:" + uas.localAddress().getPort() + ";transport=tcp>");
            peer.send(inDialog("ACK", "tcp-1", ok.to().tag(), 1, "ack1"));
            await().atMost(Duration.ofSeconds(2)).until(() -> handler.recorder.events().contains("answered"));

            Thread other = new Thread(() -> handler.recorder.calls.get(0).hangup("test done"));
            other.start();
            SipRequest bye = peer.expectRequest("BYE");
            assertThat(bye.headers().first("Reason")).isEqualTo("Q.850;cause=16;text=\"test done\"");
            assertThat(bye.topVia().transport()).isEqualTo("TCP");
            peer.send(UasHarness.responseTo(bye, 200, "OK"));
            UasTestSupport.assertDrained(uas);
            assertThat(uas.tcpConnectionCount()).isEqualTo(1);
        }
        assertThat(handler.recorder.events()).containsExactly("invite PCMU", "answered", "ended NORMAL_CLEARING");
    }

    @Test
    void tcpFramingLossIsAnsweredThenTheConnectionClosed() {
        try (SipTestPeer peer = SipTestPeer.tcp(uas.localAddress())) {
            peer.sendRaw(TortureFiles.bytes("ncl.dat"));
            SipResponse r = peer.expect(400);
            assertThat(r.headers().first("Warning")).isEqualTo("399 127.0.0.1 \"Content-Length=-999 is not a non-negative integer\"");
            assertThat(peer.tcpClosedByPeer()).isTrue();
        }
        assertThat(uas.counters().invalid()).containsEntry(SipFailureReason.CONTENT_LENGTH_INVALID, 1L);
    }

    @Test
    void drainingRefusesNewWorkAndCloseByesLiveCalls() {
        try (SipTestPeer peer = SipTestPeer.udp(uas.localAddress())) {
            peer.send(invite("drain-1"));
            SipResponse ok = peer.expect(200);
            peer.send(inDialog("ACK", "drain-1", ok.to().tag(), 1, "ack1"));
            await().atMost(Duration.ofSeconds(2)).until(() -> handler.recorder.events().contains("answered"));

            uas.setDraining(true);
            peer.send(inDialog("OPTIONS", "opt-1", "x", 1, "opt1").replace(";tag=x", ""));
            SipResponse busy = peer.expect(503);
            assertThat(busy.headers().first("Retry-After")).isEqualTo("30");

            Thread closer = new Thread(uas::close);
            closer.start();
            SipRequest bye = peer.expectRequest("BYE");
            assertThat(bye.headers().first("Reason")).isEqualTo("Q.850;cause=41;text=\"service shutting down\"");
            peer.send(UasHarness.responseTo(bye, 200, "OK"));
            await().atMost(Duration.ofSeconds(5)).until(() -> !closer.isAlive());
        }
        assertThat(handler.recorder.events()).containsExactly("invite PCMU", "answered", "ended SYSTEM_SHUTDOWN");
    }
}
