package org.audiostream.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.audiostream.call.sip.SipHeader;
import org.audiostream.call.sip.SipMessage;
import org.audiostream.call.sip.SipRequest;
import org.audiostream.call.sip.SipResponse;
import org.audiostream.call.sip.SipTimers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo caller's SIP client against a scripted UDP peer on loopback. */
class SipUacDialogIT {

    private static final SipTimers FAST = new SipTimers(Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMillis(500));
    private static final String SDP = "v=0\r\no=gw 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 20000 RTP/AVP 0\r\n";

    private final ExecutorService caller = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-caller"));
    private DatagramSocket peer;
    private InetSocketAddress peerAddress;
    private InetSocketAddress callerAddress;

    @BeforeEach
    void openPeer() throws IOException {
        peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        peerAddress = (InetSocketAddress) peer.getLocalSocketAddress();
    }

    @AfterEach
    void close() throws InterruptedException {
        peer.close();
        caller.shutdownNow();
        assertThat(caller.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void retransmitsTheInviteAcksTheAnswerAndHangsUp() throws Exception {
        try (SipUacDialog dialog = new SipUacDialog(peerAddress, FAST)) {
            Future<byte[]> answer = caller.submit(() -> dialog.invite("demo",
                    List.of(new SipHeader("X-AUDIO_STREAM_START", "ws://127.0.0.1:9/ mono 16k {\"a\":1}")), "v=0\r\n"));

            SipRequest invite = receiveRequest("INVITE");
            SipRequest again = receiveRequest("INVITE");   // not answered: Timer A fired
            assertThat(again.topVia().branch()).isEqualTo(invite.topVia().branch());
            assertThat(invite.requestUri().toString()).isEqualTo("sip:demo@" + hostPort(peerAddress));
            assertThat(invite.headers().first("X-AUDIO_STREAM_START")).isEqualTo("ws://127.0.0.1:9/ mono 16k {\"a\":1}");
            assertThat(invite.cseq().toString()).isEqualTo("1 INVITE");
            assertThat(new String(invite.body(), StandardCharsets.UTF_8)).isEqualTo("v=0\r\n");
            reply(invite, "100 Trying", null, "", "");
            String ok = reply(invite, "200 OK", "gw-tag", "Contact: <sip:gw@" + hostPort(peerAddress) + ">\r\n", SDP);

            assertThat(new String(answer.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8)).isEqualTo(SDP);
            SipRequest ack = receiveRequest("ACK");
            assertThat(ack.requestUri().toString()).isEqualTo("sip:gw@" + hostPort(peerAddress));
            assertThat(ack.cseq().toString()).isEqualTo("1 ACK");
            assertThat(ack.to().tag()).isEqualTo("gw-tag");
            assertThat(ack.topVia().branch()).startsWith("z9hG4bK").isNotEqualTo(invite.topVia().branch());

            send(ok);   // the 200 again, as if our ACK were lost
            caller.submit(() -> {
                dialog.poll();
                return null;
            }).get(5, TimeUnit.SECONDS);
            assertThat(receiveRequest("ACK").topVia().branch()).isEqualTo(ack.topVia().branch());

            Future<?> hangup = caller.submit(() -> {
                dialog.bye();
                return null;
            });
            SipRequest bye = receiveRequest("BYE");
            assertThat(bye.requestUri().toString()).isEqualTo("sip:gw@" + hostPort(peerAddress));
            assertThat(bye.cseq().toString()).isEqualTo("2 BYE");
            assertThat(bye.callId()).isEqualTo(invite.callId());
            assertThat(bye.from().tag()).isEqualTo(invite.from().tag());
            assertThat(bye.to().tag()).isEqualTo("gw-tag");
            reply(bye, "200 OK", null, "", "");
            hangup.get(5, TimeUnit.SECONDS);
            assertThat(dialog.endedByGateway()).isFalse();
        }
    }

    @Test
    void aRejectionIsAckedOnTheInviteBranchAndReported() throws Exception {
        try (SipUacDialog dialog = new SipUacDialog(peerAddress, FAST)) {
            Future<byte[]> answer = caller.submit(() -> dialog.invite("demo", List.of(), "v=0\r\n"));
            SipRequest invite = receiveRequest("INVITE");
            reply(invite, "486 Busy Here", "busy-tag", "", "");

            assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(SipCallException.class)
                    .hasMessage("INVITE rejected: status=486 Busy Here (sip:demo@" + hostPort(peerAddress) + ")")
                    .extracting(e -> ((SipCallException) e).status()).isEqualTo(486);
            SipRequest ack = receiveRequest("ACK");
            assertThat(ack.topVia().branch()).isEqualTo(invite.topVia().branch());
            assertThat(ack.to().tag()).isEqualTo("busy-tag");
            assertThat(ack.cseq().toString()).isEqualTo("1 ACK");
        }
    }

    @Test
    void noAnswerTimesOutAfter64T1() throws Exception {
        SipTimers quick = new SipTimers(Duration.ofMillis(20), Duration.ofMillis(160), Duration.ofMillis(200));
        try (SipUacDialog dialog = new SipUacDialog(peerAddress, quick)) {
            Future<byte[]> answer = caller.submit(() -> dialog.invite("demo", List.of(), "v=0\r\n"));
            String branch = receiveRequest("INVITE").topVia().branch();
            int copies = 1;
            for (SipMessage m = receive(2000); m != null; m = receive(2000)) {
                assertThat(((SipRequest) m).topVia().branch()).isEqualTo(branch);
                copies++;
            }

            assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(SipCallException.class)
                    .hasMessageStartingWith("INVITE timed out: no final response within 1280 ms = 64*T1 (")
                    .hasMessageEndingWith(" retransmissions, gateway " + peerAddress + ")");
            assertThat(copies).as("INVITE sent at 0, 20, 60, 140, 300, 620 ms").isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void answersTheGatewaysByeAndRefusesOtherRequests() throws Exception {
        try (SipUacDialog dialog = new SipUacDialog(peerAddress, FAST)) {
            Future<byte[]> answer = caller.submit(() -> dialog.invite("demo", List.of(), "v=0\r\n"));
            SipRequest invite = receiveRequest("INVITE");
            reply(invite, "200 OK", "gw-tag", "Contact: <sip:gw@" + hostPort(peerAddress) + ">\r\n", SDP);
            answer.get(5, TimeUnit.SECONDS);
            receiveRequest("ACK");

            String inDialog = " sip:caller@" + hostPort(callerAddress) + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP " + hostPort(peerAddress) + ";branch=z9hG4bKgw1\r\n"
                    + "From: <sip:demo@" + hostPort(peerAddress) + ">;tag=gw-tag\r\n"
                    + "To: " + invite.headers().first("From") + "\r\n"
                    + "Call-ID: " + invite.callId() + "\r\n";
            send("OPTIONS" + inDialog + "CSeq: 7 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            send("BYE" + inDialog.replace("gw1", "gw2") + "CSeq: 8 BYE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            caller.submit(() -> {
                dialog.poll();
                return null;
            }).get(5, TimeUnit.SECONDS);

            SipResponse refused = (SipResponse) receive(2000);
            SipResponse ok = (SipResponse) receive(2000);
            assertThat(refused.status()).isEqualTo(501);
            assertThat(refused.cseq().toString()).isEqualTo("7 OPTIONS");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.cseq().toString()).isEqualTo("8 BYE");
            assertThat(ok.topVia().branch()).isEqualTo("z9hG4bKgw2");
            assertThat(dialog.endedByGateway()).isTrue();
        }
    }

    @Test
    void nothingListeningIsReportedAsSuch() throws Exception {
        InetSocketAddress closed = peerAddress;
        peer.close();
        try (SipUacDialog dialog = new SipUacDialog(closed, FAST)) {
            assertThatThrownBy(() -> dialog.invite("demo", List.of(), "v=0\r\n")).isInstanceOf(SipCallException.class)
                    .hasMessage("SIP request failed: nothing listens at the gateway address " + closed + " (ICMP port unreachable)");
        }
    }

    /** The next request, skipping INVITE retransmissions (Timer A may fire while the test replies) unless an INVITE is wanted. */
    private SipRequest receiveRequest(String method) throws IOException {
        SipMessage m = receive(5000);
        while (!method.equals("INVITE") && m instanceof SipRequest r && r.isMethod("INVITE")) {
            m = receive(5000);
        }
        assertThat(m).as("a %s request", method).isInstanceOf(SipRequest.class);
        assertThat(((SipRequest) m).method()).isEqualTo(method);
        return (SipRequest) m;
    }

    /** The next message from the caller, or {@code null} after {@code timeoutMs}. */
    private SipMessage receive(int timeoutMs) throws IOException {
        byte[] buf = new byte[65_535];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        peer.setSoTimeout(timeoutMs);
        try {
            peer.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        callerAddress = (InetSocketAddress) p.getSocketAddress();
        SipMessage m = SipMessage.parseDatagram(buf, 0, p.getLength());
        assertThat(m.failure()).isNull();
        return m;
    }

    /** Sends a response to {@code request} (adding {@code toTag} to its To) and returns its text. */
    private String reply(SipRequest request, String status, String toTag, String headers, String body) throws IOException {
        String text = "SIP/2.0 " + status + "\r\n"
                + "Via: " + request.headers().first("Via") + "\r\n"
                + "From: " + request.headers().first("From") + "\r\n"
                + "To: " + request.headers().first("To") + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
                + "Call-ID: " + request.callId() + "\r\n"
                + "CSeq: " + request.cseq() + "\r\n"
                + headers
                + (body.isEmpty() ? "" : "Content-Type: application/sdp\r\n")
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
        send(text);
        return text;
    }

    private void send(String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        peer.send(new DatagramPacket(b, b.length, callerAddress));
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
