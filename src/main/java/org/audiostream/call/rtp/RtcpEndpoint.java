package org.audiostream.call.rtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * The RTCP socket of one leg: drains received compounds into the {@link RtcpSession} (accepted from
 * the remote's IP only, unless {@code latchAnySource}) and, when a report is due, sends it with the
 * current reception statistics. Symmetric like RTP: reports go where the remote's RTCP came from;
 * before that to {@code a=rtcp}, else to the latched RTP source's port + 1, else to the SDP port + 1.
 *
 * <p>Threads: confined to the owning clock shard. Never allocates in steady state (one address per
 * new latched RTP source).
 */
final class RtcpEndpoint {

    private final DatagramChannel channel;
    private final RtcpSession session;
    private final boolean latchAnySource;
    private final JitterBuffer jitterBuffer;
    private final RtpReceiver receiver;
    private final RtpSender sender;
    private final ByteBuffer in = ByteBuffer.allocateDirect(RtpReceiver.MAX_DATAGRAM);
    private final ByteBuffer out = ByteBuffer.allocateDirect(512);
    private final RtcpReportBlock block = new RtcpReportBlock();

    private InetSocketAddress latched;
    private InetSocketAddress derivedFrom;
    private InetSocketAddress derived;
    private long sendFailures;

    RtcpEndpoint(DatagramChannel channel, RtcpSession session, boolean latchAnySource, JitterBuffer jitterBuffer,
                 RtpReceiver receiver, RtpSender sender) {
        this.channel = channel;
        this.session = session;
        this.latchAnySource = latchAnySource;
        this.jitterBuffer = jitterBuffer;
        this.receiver = receiver;
        this.sender = sender;
    }

    /** Reads what arrived and sends a report if one is due. */
    void service(RtpRemote remote, long nowNanos) {
        if (remote == null) {
            return;
        }
        drain(remote, nowNanos);
        InetSocketAddress target = target(remote);
        if (target == null || !session.due(nowNanos)) {
            return;
        }
        RtcpReportBlock reportBlock = null;
        if (jitterBuffer.hasSource()) {
            RtpSequenceTracker sequence = jitterBuffer.sequence();
            reportBlock = block.set(jitterBuffer.ssrc(), sequence.fractionLostSinceLastReport(),
                    sequence.cumulativeLost(), (int) sequence.extendedHighest(), receiver.jitter(), 0, 0);
        }
        out.clear();
        int length = session.writeReport(out, nowNanos, sender.packetsSent(), sender.payloadBytesSent(),
                sender.timestampAt(nowNanos), reportBlock);
        out.limit(length);
        try {
            if (channel.send(out, target) != length) {
                sendFailures++;
            }
        } catch (IOException e) {
            sendFailures++;
        }
    }

    private void drain(RtpRemote remote, long nowNanos) {
        for (;;) {
            in.clear();
            SocketAddress from;
            try {
                from = channel.receive(in);
            } catch (IOException e) {
                return; // closed under us: nothing more to read
            }
            if (from == null) {
                return;
            }
            InetSocketAddress source = (InetSocketAddress) from;
            if (fromRemote(source, remote)
                    && session.onPacket(in, 0, in.position(), nowNanos) == RtcpCheck.VALID
                    && !source.equals(latched)) {
                latched = source;
            }
        }
    }

    private boolean fromRemote(InetSocketAddress source, RtpRemote remote) {
        if (latchAnySource) {
            return true;
        }
        InetSocketAddress rtpSource = receiver.latched();
        return source.getAddress().equals(remote.rtp().getAddress())
                || (rtpSource != null && source.getAddress().equals(rtpSource.getAddress()));
    }

    private InetSocketAddress target(RtpRemote remote) {
        if (!remote.hasTarget()) {
            return null;
        }
        if (latched != null) {
            return latched;
        }
        if (remote.rtcp() != null) {
            return remote.rtcp();
        }
        InetSocketAddress base = receiver.latched() != null ? receiver.latched() : remote.rtp();
        if (base != derivedFrom) {
            derivedFrom = base;
            derived = new InetSocketAddress(base.getAddress(), base.getPort() + 1);
        }
        return derived;
    }

    /** Forgets the RTCP source (the remote moved). */
    void unlatch() {
        latched = null;
    }

    long sendFailures() {
        return sendFailures;
    }
}
