package org.audiostream.call.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.audiostream.observe.SecurityEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 finding 3 on real loopback sockets: idle TCP connections beyond the limits are closed at once
 * (per source and in total), a message trickled in slower than the message timeout is cut off, while CRLF
 * keep-alives and complete messages keep a connection.
 */
class SipTcpAbuseIT {

    private static final String OPTIONS = """
            OPTIONS sip:uas@127.0.0.1 SIP/2.0\r
            Via: SIP/2.0/TCP 127.0.0.1:5070;branch=z9hG4bK-tcp-abuse-N\r
            Max-Forwards: 70\r
            From: <sip:peer@127.0.0.1>;tag=abuse\r
            To: <sip:uas@127.0.0.1>\r
            Call-ID: tcp-abuse-N\r
            CSeq: 1 OPTIONS\r
            Content-Length: 0\r
            \r
            """;

    private Set<String> threadsBefore;
    private SipUas uas;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() {
        threadsBefore = UasTestSupport.threadNames();
        uas = new SipUas(UasTestSupport.config().tcpConnectionLimits(5, 3).tcpMessageTimeout(Duration.ofMillis(400)).build(),
                new RecordingCallHandler(30000));
        uas.start();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        uas.close();
        UasTestSupport.assertThreadsBackTo(threadsBefore);
    }

    private Socket connect(String fromAddress) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(fromAddress), 0));
        s.connect(uas.localAddress(), 2000);
        s.setSoTimeout(2000);
        sockets.add(s);
        return s;
    }

    /** Whether the server closed {@code s} (end of stream) within the socket's read timeout. */
    private static boolean closedByServer(Socket s) throws IOException {
        try {
            InputStream in = s.getInputStream();
            while (in.read() >= 0) {
                // skip responses
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }

    private static String options(int n) {
        return OPTIONS.replace("-N", "-" + n);
    }

    /** Sends OPTIONS, reads the answer's header section (it has no body) and returns its status line. */
    private static String ask(Socket s, int n) throws IOException {
        s.getOutputStream().write(options(n).getBytes(StandardCharsets.US_ASCII));
        StringBuilder head = new StringBuilder();
        InputStream in = s.getInputStream();
        for (int c = in.read(); c >= 0; c = in.read()) {
            head.append((char) c);
            if (head.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.substring(0, Math.max(0, head.indexOf("\r\n")));
    }

    @Test
    void connectionsOverThePerSourceAndTotalLimitsAreClosedAtOnce() throws IOException {
        long before = SecurityEvent.SIP_CONNECTION_REFUSED.total();
        List<Socket> first = List.of(connect("127.0.0.1"), connect("127.0.0.1"), connect("127.0.0.1"));
        Socket fourth = connect("127.0.0.1");
        assertThat(closedByServer(fourth)).as("a fourth connection from one source").isTrue();
        Socket other1 = connect("127.0.0.2");
        Socket other2 = connect("127.0.0.2");
        Socket sixth = connect("127.0.0.3");
        assertThat(closedByServer(sixth)).as("a sixth connection in all").isTrue();
        assertThat(SecurityEvent.SIP_CONNECTION_REFUSED.total() - before).isEqualTo(2);

        assertThat(ask(first.get(0), 1)).as("an admitted connection still works").isEqualTo("SIP/2.0 200 OK");
        other1.close();
        other2.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> uas.tcpConnectionCount() <= 3);
        assertThat(ask(connect("127.0.0.3"), 2)).as("a place freed is given again").isEqualTo("SIP/2.0 200 OK");
    }

    @Test
    void aMessageTrickledInSlowerThanTheTimeoutIsCutOff() throws IOException {
        long before = SecurityEvent.SIP_MESSAGE_TIMEOUT.total();
        Socket slow = connect("127.0.0.1");
        long started = System.nanoTime();
        slow.getOutputStream().write("OPTIONS sip:uas@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 1".getBytes(StandardCharsets.US_ASCII));
        assertThat(closedByServer(slow)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(350), Duration.ofMillis(1900));
        assertThat(SecurityEvent.SIP_MESSAGE_TIMEOUT.total() - before).isEqualTo(1);
    }

    @Test
    void keepAlivesAndCompleteMessagesKeepAConnection() throws IOException, InterruptedException {
        Socket s = connect("127.0.0.1");
        for (int i = 0; i < 8; i++) {
            s.getOutputStream().write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(100);
        }
        assertThat(ask(s, 3)).isEqualTo("SIP/2.0 200 OK");
        Thread.sleep(600);
        assertThat(ask(s, 4)).isEqualTo("SIP/2.0 200 OK");
    }
}
