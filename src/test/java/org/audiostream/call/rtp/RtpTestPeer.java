package org.audiostream.call.rtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.locks.LockSupport;

/**
 * The far end of an RTP leg on loopback sockets: sends RTP, RFC 4733 and RTCP packets built by hand
 * and receives what the leg sends. Sending never allocates, so a test can measure the leg's
 * allocations around it.
 */
final class RtpTestPeer implements AutoCloseable {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    final DatagramChannel rtp;
    final DatagramChannel rtcp;
    private final ByteBuffer out = ByteBuffer.allocateDirect(2048);
    private final ByteBuffer in = ByteBuffer.allocate(2048);

    RtpTestPeer() throws IOException {
        rtp = open();
        rtcp = open();
    }

    private static DatagramChannel open() throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        channel.configureBlocking(false);
        channel.bind(new InetSocketAddress(LOOPBACK, 0));
        return channel;
    }

    InetSocketAddress rtpAddress() throws IOException {
        return (InetSocketAddress) rtp.getLocalAddress();
    }

    InetSocketAddress rtcpAddress() throws IOException {
        return (InetSocketAddress) rtcp.getLocalAddress();
    }

    /** Sends an RTP packet whose payload is {@code payload[0, length)}. */
    void sendRtp(InetSocketAddress to, boolean marker, int payloadType, int seq, int timestamp, int ssrc,
                 byte[] payload, int length) throws IOException {
        out.clear();
        RtpHeaderWriter.write(out, 0, marker, payloadType, seq, timestamp, ssrc);
        out.put(RtpHeaderWriter.LENGTH, payload, 0, length);
        out.limit(RtpHeaderWriter.LENGTH + length);
        rtp.send(out, to);
    }

    /** Sends raw bytes from the RTCP socket. */
    void sendRtcp(InetSocketAddress to, ByteBuffer packet) throws IOException {
        rtcp.send(packet, to);
    }

    /** Receives one datagram on {@code channel} within {@code timeoutMs}, or returns null. */
    ByteBuffer receive(DatagramChannel channel, long timeoutMs) throws IOException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        do {
            in.clear();
            if (channel.receive(in) != null) {
                return in.flip();
            }
            LockSupport.parkNanos(200_000);
        } while (System.nanoTime() < deadline);
        return null;
    }

    @Override
    public void close() throws IOException {
        rtp.close();
        rtcp.close();
    }
}
