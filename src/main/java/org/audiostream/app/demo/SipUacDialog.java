package org.audiostream.app.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.audiostream.call.sip.SipHeader;
import org.audiostream.call.sip.SipMessage;
import org.audiostream.call.sip.SipRequest;
import org.audiostream.call.sip.SipResponse;
import org.audiostream.call.sip.SipTimers;
import org.audiostream.config.HostPort;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;

/**
 * The demo caller's SIP side: a minimal user agent client (RFC 3261) for one call over UDP. It
 * sends INVITE with an SDP offer, waits through provisional responses, ACKs the 2xx (§13.2.2.4)
 * and later sends BYE (§15.1.1). Requests are retransmitted on Timer A / Timer E (T1 doubling; for
 * BYE capped at T2, §17.1.2.2) until a response arrives; without a final response within 64·T1
 * (Timers B and F, applied to the whole INVITE for simplicity) the request fails. While the call is
 * up, {@link #poll} re-ACKs a retransmitted 2xx and answers a BYE from the gateway. Every request
 * goes straight to the gateway (no proxy between us, so no route set).
 * Threads: one thread (the caller's) for the whole dialog.
 */
final class SipUacDialog implements AutoCloseable {

    private static final Log LOG = Log.of(Component.SIP);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BRANCH_COOKIE = "z9hG4bK";   // §8.1.1.7
    private static final int MAX_DATAGRAM = 65_535;

    private final InetSocketAddress gateway;
    private final SipTimers timers;
    private final DatagramChannel channel;
    private final Selector selector;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocate(MAX_DATAGRAM);
    private final String localHostPort;
    private final String callId;
    private final String from;
    /** The To header: the request URI until the 2xx, then the 2xx's To with the gateway's tag. */
    private String to;
    /** The INVITE's URI until the 2xx, then the gateway's Contact (the remote target, §12.1.2). */
    private String requestUri;
    private long cseq;
    /** The ACK of the 2xx, kept to answer its retransmissions (§13.2.2.4). */
    private byte[] ack;
    private boolean endedByGateway;

    /** Opens the socket towards {@code gateway}; the OS picks the local address and port. */
    SipUacDialog(InetSocketAddress gateway, SipTimers timers) throws IOException {
        this.gateway = gateway;
        this.timers = timers;
        this.channel = DatagramChannel.open();
        try {
            channel.connect(gateway);
            channel.configureBlocking(false);
            this.selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        InetSocketAddress local = localAddress();
        this.localHostPort = new HostPort(local.getAddress().getHostAddress(), local.getPort()).toString();
        this.callId = randomHex(8) + "@" + local.getAddress().getHostAddress();
        this.from = "\"audio-stream demo\" <sip:caller@" + localHostPort + ">;tag=" + randomHex(4);
    }

    InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    String callId() {
        return callId;
    }

    /** True once the gateway hung up with BYE (answered with 200). */
    boolean endedByGateway() {
        return endedByGateway;
    }

    /**
     * Sends INVITE to {@code sip:<user>@<gateway>} and returns the SDP answer of its 2xx, which has
     * been ACKed. A final response of 300 or more is ACKed and thrown as a {@link SipCallException}.
     */
    byte[] invite(String user, List<SipHeader> extraHeaders, String sdpOffer) throws IOException {
        requestUri = "sip:" + user + "@" + new HostPort(gateway.getAddress().getHostAddress(), gateway.getPort());
        to = "<" + requestUri + ">";
        String branch = branch();
        long number = ++cseq;
        StringBuilder headers = new StringBuilder("Contact: <sip:caller@").append(localHostPort).append(">\r\n")
                .append("User-Agent: audio-stream-demo-caller\r\n");
        for (SipHeader h : extraHeaders) {
            headers.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        headers.append("Content-Type: application/sdp\r\n");
        SipResponse r = transact(request("INVITE", branch, number, headers.toString(), sdpOffer), branch, "INVITE");
        if (!r.isSuccess()) {
            // §17.1.1.3: the ACK of a non-2xx final response reuses the INVITE's branch and takes the response's To.
            to = r.headers().first("To");
            send(request("ACK", branch, number, "", ""));
            throw new SipCallException("INVITE rejected: status=" + r.status() + " " + r.reasonPhrase() + " (" + requestUri + ")",
                    r.status());
        }
        to = r.headers().first("To");
        if (!r.contacts().isEmpty()) {
            requestUri = r.contacts().get(0).uri().toString();
        }
        ack = request("ACK", branch(), number, "", "");
        send(ack);
        return r.body();
    }

    /** Handles whatever the gateway sent meanwhile, without waiting. */
    void poll() throws IOException {
        for (SipMessage m = receive(System.nanoTime()); m != null; m = receive(System.nanoTime())) {
            handleUnsolicited(m);
        }
    }

    /** Sends BYE and waits for its final response; anything but 2xx is a {@link SipCallException}. */
    void bye() throws IOException {
        if (ack == null) {
            throw new IllegalStateException("BYE without an established dialog: call-id=" + callId);
        }
        String branch = branch();
        SipResponse r = transact(request("BYE", branch, ++cseq, "", ""), branch, "BYE");
        if (!r.isSuccess()) {
            throw new SipCallException("BYE rejected: status=" + r.status() + " " + r.reasonPhrase() + " (" + requestUri + ")",
                    r.status());
        }
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }

    /** Sends {@code request} and retransmits it until a final response arrives, which it returns. */
    private SipResponse transact(byte[] request, String branch, String method) throws IOException {
        boolean invite = method.equals("INVITE");
        long t1 = timers.t1().toNanos();
        long t2 = timers.t2().toNanos();
        long deadline = System.nanoTime() + 64 * t1;
        long interval = t1;
        long nextSend = System.nanoTime() + interval;
        int retransmissions = 0;
        boolean proceeding = false;
        send(request);
        while (true) {
            boolean retransmitting = !(invite && proceeding);   // §17.1.1.2: a 1xx stops INVITE retransmissions
            SipMessage m = receive(retransmitting ? Math.min(nextSend, deadline) : deadline);
            long now = System.nanoTime();
            if (m instanceof SipResponse r && isResponseTo(r, branch, method)) {
                if (!r.isProvisional()) {
                    return r;
                }
                proceeding = true;
            } else if (m != null) {
                handleUnsolicited(m);
            } else if (now - deadline >= 0) {
                throw new SipCallException(method + " timed out: no final response within " + TimeUnit.NANOSECONDS.toMillis(64 * t1)
                        + " ms = 64*T1 (" + retransmissions + " retransmissions, gateway " + gateway + ")", 0);
            } else if (retransmitting && now - nextSend >= 0) {
                send(request);
                retransmissions++;
                interval = invite ? 2 * interval : Math.min(2 * interval, t2);
                nextSend = now + interval;
            }
        }
    }

    private static boolean isResponseTo(SipResponse r, String branch, String method) {
        return r.topVia() != null && branch.equals(r.topVia().branch()) && r.cseq() != null && r.cseq().method().equals(method);
    }

    private void handleUnsolicited(SipMessage m) throws IOException {
        switch (m) {
            case SipResponse r when ack != null && r.isSuccess() && r.cseq() != null && r.cseq().method().equals("INVITE") ->
                    send(ack);   // our ACK was lost: the gateway retransmits its 2xx
            case SipRequest r when r.isMethod("BYE") && callId.equals(r.callId()) -> {
                respond(r, 200, "OK");
                endedByGateway = true;
            }
            case SipRequest r when r.isMethod("ACK") -> { }
            case SipRequest r -> respond(r, 501, "Not Implemented");   // the demo caller supports no other request
            case SipResponse r -> LOG.debug(null, "demo_uac_response", "ignored", "status", r.status(), "cseq", r.cseq());
        }
    }

    /** The next valid message, or {@code null} once {@code deadlineNanos} has passed. */
    private SipMessage receive(long deadlineNanos) throws IOException {
        while (true) {
            receiveBuffer.clear();
            int n;
            try {
                n = channel.read(receiveBuffer);
            } catch (PortUnreachableException e) {
                throw new SipCallException("SIP request failed: nothing listens at the gateway address " + gateway
                        + " (ICMP port unreachable)", 0);
            }
            if (n > 0) {
                SipMessage m = SipMessage.parseDatagram(receiveBuffer.array(), 0, n);
                if (m.isValid()) {
                    return m;
                }
                LOG.warn(null, "demo_uac_receive", "ignored", "reason", m.failure(), "bytes", n);
                continue;
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            selector.selectedKeys().clear();
        }
    }

    private byte[] request(String method, String branch, long number, String headers, String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String text = method + " " + requestUri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + localHostPort + ";branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: " + from + "\r\n"
                + "To: " + to + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + number + " " + method + "\r\n"
                + headers
                + "Content-Length: " + content.length + "\r\n\r\n"
                + body;
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** §8.2.6.2: Via, From, To, Call-ID and CSeq copied from the request. */
    private void respond(SipRequest request, int status, String reason) throws IOException {
        StringBuilder text = new StringBuilder("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
        for (String via : request.headers().lines("Via")) {
            text.append("Via: ").append(via).append("\r\n");
        }
        for (String name : List.of("From", "To", "Call-ID", "CSeq")) {
            text.append(name).append(": ").append(request.headers().first(name)).append("\r\n");
        }
        text.append("Content-Length: 0\r\n\r\n");
        send(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void send(byte[] datagram) throws IOException {
        channel.write(ByteBuffer.wrap(datagram));
    }

    private static String branch() {
        return BRANCH_COOKIE + randomHex(8);
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
