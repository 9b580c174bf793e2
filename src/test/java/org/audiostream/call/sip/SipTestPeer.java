package org.audiostream.call.sip;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.audiostream.net.MessageDeadline;
import org.audiostream.observe.Component;
import org.audiostream.observe.SecurityEvent;

/**
 * A raw SIP peer on real loopback sockets for integration tests: sends message text over UDP or
 * TCP and reads what comes back (TCP framed by our own stream decoder). Bounded waits only.
 */
final class SipTestPeer implements AutoCloseable {

    private final DatagramSocket udp;
    private final Socket tcp;
    private final InetSocketAddress target;
    private final EmbeddedChannel tcpFramer = new EmbeddedChannel(new SipStreamDecoder(SipLimits.DEFAULT, deadline()));

    /** A message deadline for a decoder outside a UAS (the default 5 s). */
    static MessageDeadline deadline() {
        return new MessageDeadline(new MessageDeadline.Expiry("sip_test", Duration.ofSeconds(5),
                SecurityEvent.SIP_MESSAGE_TIMEOUT, Component.SIP));
    }

    private SipTestPeer(DatagramSocket udp, Socket tcp, InetSocketAddress target) {
        this.udp = udp;
        this.tcp = tcp;
        this.target = target;
    }

    static SipTestPeer udp(InetSocketAddress target) {
        try {
            DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            s.setSoTimeout(5000);
            return new SipTestPeer(s, null, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SipTestPeer tcp(InetSocketAddress target) {
        try {
            Socket s = new Socket();
            s.connect(target, 2000);
            s.setSoTimeout(5000);
            return new SipTestPeer(null, s, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int localPort() {
        return udp != null ? udp.getLocalPort() : tcp.getLocalPort();
    }

    /** Replaces the peer placeholders {@code PEERPORT} and {@code TRANSPORT} and sends. */
    void send(String text) {
        byte[] b = text.replace("PEERPORT", String.valueOf(localPort())).replace("TRANSPORT", udp != null ? "UDP" : "TCP")
                .getBytes(StandardCharsets.UTF_8);
        sendRaw(b);
    }

    void sendRaw(byte[] b) {
        try {
            if (udp != null) {
                udp.send(new DatagramPacket(b, b.length, target));
            } else {
                tcp.getOutputStream().write(b);
                tcp.getOutputStream().flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next message, or {@code null} after the timeout. */
    SipMessage receive(int timeoutMillis) {
        try {
            if (udp != null) {
                udp.setSoTimeout(timeoutMillis);
                byte[] buf = new byte[65535];
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                udp.receive(p);
                return SipMessageParser.parseDatagram(Unpooled.wrappedBuffer(buf, 0, p.getLength()), SipLimits.DEFAULT);
            }
            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (true) {
                InboundSip framed = tcpFramer.readInbound();
                if (framed != null) {
                    return framed.message();
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return null;
                }
                tcp.setSoTimeout((int) left);
                InputStream in = tcp.getInputStream();
                byte[] buf = new byte[8192];
                int n = in.read(buf);
                if (n < 0) {
                    return null;
                }
                tcpFramer.writeInbound(Unpooled.copiedBuffer(buf, 0, n));
            }
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Receives until a response with {@code status} (skipping others) or fails after 5 s. */
    SipResponse expect(int status) {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            SipMessage m = receive((int) Math.max(1, deadline - System.currentTimeMillis()));
            if (m instanceof SipResponse r && r.status() == status) {
                return r;
            }
        }
        throw new AssertionError("no " + status + " response within 5 s");
    }

    /** Receives until a request with {@code method} or fails after 5 s. */
    SipRequest expectRequest(String method) {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            SipMessage m = receive((int) Math.max(1, deadline - System.currentTimeMillis()));
            if (m instanceof SipRequest r && r.isMethod(method)) {
                return r;
            }
        }
        throw new AssertionError("no " + method + " request within 5 s");
    }

    boolean tcpClosedByPeer() {
        try {
            tcp.setSoTimeout(2000);
            return tcp.getInputStream().read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            if (udp != null) {
                udp.close();
            }
            if (tcp != null) {
                tcp.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
