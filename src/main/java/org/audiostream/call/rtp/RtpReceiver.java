package org.audiostream.call.rtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains a leg's RTP socket without blocking: one {@code receive} per datagram into a direct
 * buffer until the socket is empty; each packet is validated, checked against the latched source
 * (symmetric RTP, RFC 4961), then decoded into the jitter buffer or handed to the RFC 4733 receiver.
 *
 * <p>Latching: the first valid packet from the SDP's IP address (or from anywhere with
 * {@code latchAnySource}) fixes the source; later packets from elsewhere are counted as foreign and
 * dropped, unless {@code relatchOnSsrcChange} and they carry a new SSRC.
 *
 * <p>Threads: confined to the owning clock shard. Never allocates in steady state (the JDK caches
 * the sender address of the last datagram).
 */
final class RtpReceiver {

    private static final Logger log = LoggerFactory.getLogger(RtpReceiver.class);
    /** Larger than any RTP packet on an Ethernet path; the jitter buffer limits the audio length. */
    static final int MAX_DATAGRAM = 2048;

    private final RtpLegConfig config;
    private final JitterBuffer jitterBuffer;
    private final TelephoneEventReceiver telephoneEvents;
    private final InterarrivalJitter interarrivalJitter = new InterarrivalJitter();
    private final RtpPacketView view = new RtpPacketView();
    private final ByteBuffer datagram = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final byte[] payload = new byte[MAX_DATAGRAM];
    private final short[] pcm = new short[MAX_DATAGRAM];
    private long originNanos;
    private final int sampleRate;

    private InetSocketAddress latched;
    private boolean hasAudioSsrc;
    private int audioSsrc;
    private long lastValidNanos;
    private boolean receivedAny;

    private long packetsIn;
    private long bytesIn;
    private final long[] invalid = new long[RtpPacketCheck.values().length];
    private long foreign;
    private boolean invalidLogged;
    private boolean receiveFailureLogged;

    RtpReceiver(RtpLegConfig config, JitterBuffer jitterBuffer, TelephoneEventReceiver telephoneEvents) {
        this.config = config;
        this.jitterBuffer = jitterBuffer;
        this.telephoneEvents = telephoneEvents;
        this.sampleRate = config.jitter().sampleRate();
    }

    /** Sets the origin of arrival times to the first tick. */
    void start(long nowNanos) {
        originNanos = nowNanos;
    }

    /**
     * Receives and handles every datagram waiting on {@code channel}.
     *
     * @param remote the applied remote, or {@code null} (then {@code accepted} is empty and every
     *     datagram is rejected)
     */
    void drain(DatagramChannel channel, RtpRemote remote, PayloadTypeSet accepted, long nowNanos) {
        for (;;) {
            datagram.clear();
            SocketAddress from;
            try {
                from = channel.receive(datagram);
            } catch (IOException e) {
                // closed under us by close(), or a socket error: nothing more to read this tick
                if (!receiveFailureLogged && channel.isOpen()) {
                    receiveFailureLogged = true;
                    log.warn("rtp receive failed error={} (further failures not logged)", e.toString());
                }
                return;
            }
            if (from == null) {
                return;
            }
            onDatagram((InetSocketAddress) from, datagram.position(), remote, accepted, nowNanos);
        }
    }

    private void onDatagram(InetSocketAddress from, int length, RtpRemote remote, PayloadTypeSet accepted,
                            long nowNanos) {
        RtpPacketCheck check = view.wrap(datagram, 0, length, accepted);
        if (check != RtpPacketCheck.VALID) {
            invalid[check.ordinal()]++;
            if (!invalidLogged) {
                invalidLogged = true;
                log.debug("rtp packet rejected source={} reason={} (further rejections only counted)",
                        from, view.describeRejection());
            }
            return;
        }
        if (!acceptSource(from, remote)) {
            foreign++;
            return;
        }
        packetsIn++;
        bytesIn += length;
        lastValidNanos = nowNanos;
        receivedAny = true;
        int ssrc = view.ssrc();
        int seq = view.sequenceNumber();
        if (view.payloadType() == remote.telephoneEventPayloadType()) {
            if (jitterBuffer.pushNonAudio(ssrc, seq)) {
                telephoneEvents.onPacket(view.timestamp(), datagram, view.payloadOffset(), view.payloadLength(), nowNanos);
            }
            return;
        }
        if (!hasAudioSsrc || ssrc != audioSsrc) {
            hasAudioSsrc = true;
            audioSsrc = ssrc;
            interarrivalJitter.reset();
        }
        int n = view.payloadLength();
        view.copyPayload(payload, 0);
        remote.codec().decode(payload, 0, pcm, 0, n);
        interarrivalJitter.update(arrivalTimestamp(nowNanos), view.timestamp());
        jitterBuffer.push(ssrc, seq, view.timestamp(), view.marker(), pcm, 0, n);
    }

    private boolean acceptSource(InetSocketAddress from, RtpRemote remote) {
        if (latched == null) {
            if (!config.latchAnySource() && !from.getAddress().equals(remote.rtp().getAddress())) {
                return false;
            }
            latched = from;
            log.info("rtp latch done source={} sdp={}", from, remote.rtp());
            return true;
        }
        if (from.equals(latched)) {
            return true;
        }
        if (config.relatchOnSsrcChange() && jitterBuffer.hasSource() && view.ssrc() != jitterBuffer.ssrc()) {
            log.info("rtp relatch done source={} previous={} ssrc={}", from, latched, Integer.toUnsignedString(view.ssrc(), 16));
            latched = from;
            return true;
        }
        return false;
    }

    /** Arrival time in RTP timestamp units since the leg opened (RFC 3550 A.8). */
    private int arrivalTimestamp(long nowNanos) {
        return (int) ((nowNanos - originNanos) / 1000 * sampleRate / 1_000_000);
    }

    /** Forgets the latched source (the remote moved: re-INVITE with a new address). */
    void unlatch() {
        latched = null;
    }

    /** The latched source, or {@code null}. */
    InetSocketAddress latched() {
        return latched;
    }

    boolean receivedAny() {
        return receivedAny;
    }

    long lastValidNanos() {
        return lastValidNanos;
    }

    int jitter() {
        return interarrivalJitter.jitter();
    }

    long packetsIn() {
        return packetsIn;
    }

    long bytesIn() {
        return bytesIn;
    }

    long invalid(RtpPacketCheck reason) {
        return invalid[reason.ordinal()];
    }

    long foreign() {
        return foreign;
    }
}
