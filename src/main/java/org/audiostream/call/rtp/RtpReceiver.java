package org.audiostream.call.rtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import org.audiostream.observe.RateLimitedLog;

/**
 * Drains a leg's RTP socket without blocking: one {@code receive} per datagram into a direct
 * buffer until the socket is empty; each packet is validated, checked against the source the leg
 * accepts ({@link RtpSourceLatch}), then decoded into the jitter buffer or handed to the RFC 4733
 * receiver.
 *
 * <p>Rejected packets and receive failures can happen on every packet; each kind is logged at most
 * once per {@value #LOG_INTERVAL_SECONDS} s, with the number held back.
 *
 * <p>Threads: confined to the owning clock shard. Never allocates in steady state (the JDK caches
 * the sender address of the last datagram), except for a permitted log line.
 */
final class RtpReceiver {

    private static final Log LOG = Log.of(Component.RTP);
    static final int LOG_INTERVAL_SECONDS = 5;
    /** Larger than any RTP packet on an Ethernet path; the jitter buffer limits the audio length. */
    static final int MAX_DATAGRAM = 2048;

    private final String sessionUuid;
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

    private final RtpSourceLatch source;
    private boolean hasAudioSsrc;
    private int audioSsrc;
    private long lastValidNanos;
    private boolean receivedAny;

    private long packetsIn;
    private long bytesIn;
    private final long[] invalid = new long[RtpPacketCheck.values().length];
    private final RateLimitedLog invalidLog = new RateLimitedLog(LOG_INTERVAL_SECONDS, TimeUnit.SECONDS);
    private final RateLimitedLog receiveFailureLog = new RateLimitedLog(LOG_INTERVAL_SECONDS, TimeUnit.SECONDS);

    RtpReceiver(String sessionUuid, RtpLegConfig config, JitterBuffer jitterBuffer,
                TelephoneEventReceiver telephoneEvents) {
        this.sessionUuid = sessionUuid;
        this.config = config;
        this.jitterBuffer = jitterBuffer;
        this.telephoneEvents = telephoneEvents;
        this.sampleRate = config.jitter().sampleRate();
        this.source = new RtpSourceLatch(sessionUuid, config.latchAnySource());
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
                if (channel.isOpen()) {
                    long suppressed = receiveFailureLog.tryAcquire(nowNanos);
                    if (suppressed >= 0) {
                        LOG.warn(sessionUuid, "receive", "failed", "error", e.toString(), "suppressed", suppressed);
                    }
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
            long suppressed = invalidLog.tryAcquire(nowNanos);
            if (suppressed >= 0) {
                LOG.warn(sessionUuid, "packet", "rejected", "source", from, "reason", view.describeRejection(),
                        "suppressed", suppressed);
            }
            return;
        }
        if (!source.accept(from, view.ssrc(), view.sequenceNumber(), nowNanos)) {
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

    /** Arrival time in RTP timestamp units since the leg opened (RFC 3550 A.8). */
    private int arrivalTimestamp(long nowNanos) {
        return (int) ((nowNanos - originNanos) / 1000 * sampleRate / 1_000_000);
    }

    /** Forgets the latched source and expects {@code remote}'s (a new remote: first answer, or re-INVITE with a new address). */
    void expect(RtpRemote remote, long nowNanos) {
        source.reset(remote, nowNanos);
    }

    /** The latched source, or {@code null}. */
    InetSocketAddress latched() {
        return source.latched();
    }

    long latches() {
        return source.latches();
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
        return source.refused();
    }
}
