package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.audiostream.observe.CapturedLog;
import org.audiostream.observe.Component;
import org.audiostream.observe.LogFormat;
import org.audiostream.testing.Mutator;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 finding 10, live: a running gateway takes a bounded, deterministic stream of mutated SIP and SDP
 * (INVITE, OPTIONS, BYE, CANCEL, ACK, responses) over UDP and TCP from a source it does not trust, keeps
 * answering OPTIONS throughout, logs no ERROR (a failure to process a message is one), and gives every
 * session, call, RTP port,
 * thread and file descriptor back (the harness's baseline checks). {@code -Dfuzz.count} (default
 * {@value #DEFAULT_MESSAGES}) and {@code -Dfuzz.seed} as for the unit fuzzers.
 */
class SipFuzzIT {

    private static final int DEFAULT_MESSAGES = 3000;
    private static final long SEED = 14_10_04L;
    private static final int PROBE_EVERY = 250;
    private static final Component[] WATCHED = {Component.SIP, Component.LIFECYCLE, Component.RTP, Component.API,
            Component.CAPTURE, Component.CLOCK};

    private static final String SDP = """
            v=0\r
            o=fuzz 1 1 IN IP4 127.0.0.1\r
            s=-\r
            c=IN IP4 127.0.0.1\r
            t=0 0\r
            m=audio 6000 RTP/AVP 0 8 101\r
            a=rtpmap:0 PCMU/8000\r
            a=rtpmap:101 telephone-event/8000\r
            a=fmtp:101 0-16\r
            a=ptime:20\r
            a=sendrecv\r
            """;

    @Test
    void aStreamOfMutatedSipLeavesTheGatewayAnsweringCleanAndAtBaseline() throws Exception {
        List<CapturedLog> logs = new ArrayList<>();
        for (Component c : WATCHED) {
            logs.add(new CapturedLog(c, LogFormat.TEXT, Level.WARN));
        }
        try (GatewayHarness gw = GatewayHarness.start(Map.of("AUDIO_STREAM_SIP_TRUSTED_SOURCES", "none",
                "AUDIO_STREAM_SIP_INVITE_RATE", "100000", "AUDIO_STREAM_DRAIN_TIMEOUT_MS", "100"));
             DatagramSocket fuzzer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             DatagramSocket prober = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            InetSocketAddress sip = gw.sipAddress();
            Mutator m = new Mutator(corpus(fuzzer.getLocalPort()), Mutator.seed(SEED), 16_384);
            int messages = Mutator.count(DEFAULT_MESSAGES);
            for (int i = 0; i < messages; i++) {
                byte[] message = m.next();
                fuzzer.send(new DatagramPacket(message, message.length, sip));
                drain(fuzzer);
                if (i % PROBE_EVERY == 0) {
                    assertThat(optionsOverUdp(prober, sip, i)).as("OPTIONS after %d fuzzed messages", i).startsWith("SIP/2.0 200");
                }
            }
            fuzzTcp(sip, m, messages / 10);

            assertThat(optionsOverUdp(prober, sip, -1)).as("OPTIONS over UDP at the end").startsWith("SIP/2.0 200");
            assertThat(optionsOverTcp(sip)).as("OPTIONS over TCP at the end").startsWith("SIP/2.0 200");
            // calls the fuzzed INVITEs opened wait for an ACK that never comes: end them as a shutdown would
            gw.gateway().drain();
            for (CapturedLog log : logs) {
                // WARN lines are expected (rejected messages, BYEs the fuzzer never answers); ERROR means a bug
                assertThat(log.lines).as("ERROR lines").noneMatch(l -> l.contains(" ERROR ") || l.contains("processing_failed"));
            }
        } finally {
            logs.forEach(CapturedLog::close);
        }
    }

    private static List<byte[]> corpus(int port) {
        String from = "127.0.0.1:" + port;
        String head = """
                METHOD sip:fuzz@127.0.0.1 SIP/2.0\r
                Via: SIP/2.0/UDP FROM;branch=z9hG4bK-fuzzBRANCH;rport\r
                Max-Forwards: 70\r
                From: "Fuzz" <sip:fuzz@FROM>;tag=fz1\r
                To: <sip:fuzz@127.0.0.1>TOTAG\r
                Call-ID: fuzz-CALLID@127.0.0.1\r
                CSeq: CSEQ METHOD\r
                Contact: <sip:fuzz@FROM>\r
                Session-Expires: 1800\r
                X-AUDIO_STREAM_START: ws://127.0.0.1:9/x mono 8k {"a":1}\r
                X-AUDIO_STREAM_INJECT_BUFFER_MS: 3000\r
                """.replace("FROM", from);
        List<String> texts = new ArrayList<>();
        for (String method : new String[] {"INVITE", "OPTIONS", "BYE", "CANCEL", "ACK", "UPDATE", "REFER", "REGISTER"}) {
            String h = head.replace("METHOD", method).replace("BRANCH", method).replace("CALLID", method)
                    .replace("CSEQ", "1").replace("TOTAG", method.equals("BYE") || method.equals("UPDATE") ? ";tag=x" : "");
            boolean sdp = method.equals("INVITE") || method.equals("UPDATE");
            texts.add(h + (sdp ? "Content-Type: application/sdp\r\nContent-Length: " + SDP.length() + "\r\n\r\n" + SDP
                    : "Content-Length: 0\r\n\r\n"));
        }
        texts.add("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-stray\r\nFrom: <sip:a@b>;tag=1\r\n"
                + "To: <sip:c@d>;tag=2\r\nCall-ID: stray\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n");
        return Mutator.utf8(texts);
    }

    /** Mutated messages on a few TCP connections, each sent in one write; what comes back is read and dropped. */
    private static void fuzzTcp(InetSocketAddress sip, Mutator m, int messages) throws IOException {
        int perConnection = 25;
        for (int sent = 0; sent < messages; ) {
            try (Socket s = new Socket()) {
                s.connect(sip, 2000);
                s.setSoTimeout(50);
                OutputStream out = s.getOutputStream();
                for (int i = 0; i < perConnection && sent < messages; i++, sent++) {
                    try {
                        out.write(m.next());
                        out.flush();
                    } catch (IOException closedByGateway) {
                        break;   // framing lost: the gateway answered 400 and closed, as it should
                    }
                    readSome(s.getInputStream());
                }
            }
        }
    }

    private static void readSome(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        try {
            while (in.read(buf) > 0) {
                // discard
            }
        } catch (SocketTimeoutException nothingMore) {
            // fine
        } catch (IOException reset) {
            // the gateway closed a connection whose framing was lost
        }
    }

    private static void drain(DatagramSocket socket) throws IOException {
        socket.setSoTimeout(1);
        byte[] buf = new byte[65_535];
        try {
            for (int i = 0; i < 64; i++) {
                socket.receive(new DatagramPacket(buf, buf.length));
            }
        } catch (SocketTimeoutException empty) {
            // nothing waiting
        }
    }

    private static String optionsOverUdp(DatagramSocket prober, InetSocketAddress sip, int n) throws IOException {
        String branch = "z9hG4bK-probe" + (n < 0 ? "end" : n);
        byte[] req = options(branch, "UDP", prober.getLocalPort()).getBytes(StandardCharsets.US_ASCII);
        prober.send(new DatagramPacket(req, req.length, sip));
        prober.setSoTimeout(5000);
        byte[] buf = new byte[65_535];
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            prober.receive(p);
            String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            if (text.contains(branch)) {
                return text;
            }
        }
    }

    private static String optionsOverTcp(InetSocketAddress sip) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(sip, 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(options("z9hG4bK-probe-tcp", "TCP", s.getLocalPort()).getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[4096];
            int n = s.getInputStream().read(buf);
            return n < 0 ? "" : new String(buf, 0, n, StandardCharsets.UTF_8);
        }
    }

    private static String options(String branch, String transport, int port) {
        return "OPTIONS sip:fuzz@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/" + transport + " 127.0.0.1:" + port + ";branch=" + branch
                + "\r\nMax-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=p\r\nTo: <sip:fuzz@127.0.0.1>\r\nCall-ID: " + branch
                + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    }
}
