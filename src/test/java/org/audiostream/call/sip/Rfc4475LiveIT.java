package org.audiostream.call.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every RFC 4475 message sent byte for byte to the running UAS, over UDP and (where it makes
 * sense) TCP, with the final response the RFC section calls for or DROP (no response: a response
 * whose Via or CSeq cannot be read, or a stray response). {@code wsinv} is well formed but carries
 * a To tag, so it is an in-dialog request for a dialog we do not have: 481 (RFC 3261 §12.2.2).
 * Valid INVITEs that get 200 are
 * acknowledged and hung up by the test. The UAS answers at the source address
 * ({@code forceRport}) because the messages' Vias name documentation addresses.
 * TCP notes: {@code dblreq} is about trailing octets in a datagram and {@code clerr} would wait
 * for 9999 body octets, so both are UDP only; without or with a broken Content-Length the stream
 * loses framing, so {@code inv2543}, {@code ncl} and {@code mcl01} get 400 and the connection closes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Rfc4475LiveIT {

    private static final int DROP = 0;
    private static final int UDP_ONLY = -1;

    private Set<String> threadsBefore;
    private MediaPortHandler handler;
    /** Two UASs: the same message over TCP would otherwise be a retransmission of the UDP one. */
    private SipUas udpUas;
    private SipUas tcpUas;
    private int branch;

    @BeforeAll
    void start() {
        threadsBefore = UasTestSupport.threadNames();
        handler = new MediaPortHandler();
        udpUas = new SipUas(UasTestSupport.config().forceRport(true).build(), handler);
        udpUas.start();
        tcpUas = new SipUas(UasTestSupport.config().forceRport(true).build(), handler);
        tcpUas.start();
    }

    @AfterEach
    void noLeakedCall() {
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(udpUas.liveCalls()).isZero();
            assertThat(tcpUas.liveCalls()).isZero();
        });
    }

    @AfterAll
    void stop() {
        healthy(udpUas);
        healthy(tcpUas);
        handler.close();
        UasTestSupport.assertThreadsBackTo(threadsBefore);
    }

    private static void healthy(SipUas uas) {
        try (SipTestPeer peer = SipTestPeer.udp(uas.localAddress())) {
            peer.send(SipScript.withBody("""
                    OPTIONS sip:uas@127.0.0.1 SIP/2.0\r
                    Via: SIP/2.0/UDP 127.0.0.1:PEERPORT;branch=z9hG4bK-health\r
                    From: <sip:probe@127.0.0.1>;tag=h\r
                    To: <sip:uas@127.0.0.1>\r
                    Call-ID: health-after-torture\r
                    CSeq: 1 OPTIONS\r
                    """, null, null));
            assertThat(peer.expect(200).callId()).isEqualTo("health-after-torture");
        }
        UasTestSupport.assertDrained(uas);
        uas.close();
    }

    @ParameterizedTest(name = "{0}: udp {1}, tcp {2}")
    @CsvSource(textBlock = """
        wsinv.dat,      481, 481
        intmeth.dat,    501, 501
        esc01.dat,      200, 200
        escnull.dat,    405, 405
        esc02.dat,      501, 501
        lwsdisp.dat,    200, 200
        longreq.dat,    200, 200
        dblreq.dat,     405, -1
        semiuri.dat,    200, 200
        transports.dat, 200, 200
        mpart01.dat,    405, 405
        unreason.dat,   0,   0
        noreason.dat,   0,   0
        badinv01.dat,   0,   0
        clerr.dat,      400, -1
        ncl.dat,        400, 400
        scalar02.dat,   0,   0
        scalarlg.dat,   0,   0
        quotbal.dat,    400, 400
        ltgtruri.dat,   400, 400
        lwsruri.dat,    400, 400
        lwsstart.dat,   400, 400
        trws.dat,       400, 400
        escruri.dat,    200, 200
        baddate.dat,    200, 200
        regbadct.dat,   405, 405
        badaspec.dat,   200, 200
        baddn.dat,      200, 200
        badvers.dat,    505, 505
        mismatch01.dat, 400, 400
        mismatch02.dat, 400, 400
        bigcode.dat,    0,   0
        badbranch.dat,  200, 200
        insuf.dat,      400, 400
        unkscm.dat,     416, 416
        novelsc.dat,    416, 416
        unksm2.dat,     405, 405
        bext01.dat,     420, 420
        invut.dat,      415, 415
        regaut01.dat,   405, 405
        multi01.dat,    400, 400
        mcl01.dat,      400, 400
        bcast.dat,      0,   0
        zeromf.dat,     200, 200
        cparam01.dat,   405, 405
        cparam02.dat,   405, 405
        regescrt.dat,   405, 405
        sdp01.dat,      406, 406
        inv2543.dat,    200, 400
        """)
    void answeredAsTheRfcSectionSays(String file, int udp, int tcp) {
        try (SipTestPeer peer = SipTestPeer.udp(udpUas.localAddress())) {
            check(peer, file, udp);
        }
        if (tcp != UDP_ONLY) {
            try (SipTestPeer peer = SipTestPeer.tcp(tcpUas.localAddress())) {
                check(peer, file, tcp);
            }
        }
    }

    private void check(SipTestPeer peer, String file, int expected) {
        peer.sendRaw(TortureFiles.bytes(file));
        SipResponse fin = finalResponse(peer, expected == DROP ? 300 : 3000);
        if (expected == DROP) {
            assertThat(fin).as(file).isNull();
            return;
        }
        assertThat(fin).as(file + ": no final response").isNotNull();
        assertThat(fin.status()).as(file).isEqualTo(expected);
        if (expected == 200 && fin.cseq().method().equals("INVITE")) {
            peer.send(inDialog("ACK", fin, fin.cseq().number()));
            peer.send(inDialog("BYE", fin, fin.cseq().number() + 1));
            assertThat(peer.expect(200).cseq().method()).isEqualTo("BYE");
        }
    }

    private static SipResponse finalResponse(SipTestPeer peer, int timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            SipMessage m = peer.receive((int) Math.max(1, deadline - System.currentTimeMillis()));
            if (m instanceof SipResponse r && r.status() >= 200) {
                return r;
            }
        }
        return null;
    }

    private String inDialog(String method, SipResponse ok, long cseq) {
        return method + " sip:uas@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/TRANSPORT 127.0.0.1:PEERPORT;branch=z9hG4bK-live-" + (++branch) + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: " + ok.headers().first("From") + "\r\n"
                + "To: " + ok.headers().first("To") + "\r\n"
                + "Call-ID: " + ok.callId() + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Content-Length: 0\r\n\r\n";
    }
}
