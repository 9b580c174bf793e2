package org.audiostream.call.rtp;

import org.audiostream.call.MediaDirection;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.audiostream.media.CallLeg;
import org.audiostream.media.G711Law;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;

/**
 * The RTP side of one call as a {@link CallLeg}: one non-blocking UDP socket for RTP and one for
 * RTCP on a leased port pair, driven entirely by the owning clock shard (DESIGN §4.5). Each tick,
 * {@link #readCallerFrame} applies a pending remote update, drains the RTP socket into the jitter
 * buffer (one {@code receive} per packet, no selector, no thread hand-off), services DTMF, the RTP
 * timeout and, every {@value #RTCP_POLL_TICKS} ticks, RTCP, then plays out one 20 ms frame;
 * {@link #writeFrame} packetises and sends.
 *
 * <p>Threads: {@code readCallerFrame}, {@code writeFrame} and {@link #stats(long)} are confined to
 * the owning clock shard (asserted); {@link #updateRemote}, {@link #publishedStats()} and
 * {@link #close()} may be called from any thread. Listener callbacks run on the shard. Never blocks;
 * never allocates per frame in steady state.
 */
public final class RtpCallLeg implements CallLeg, AutoCloseable {

    private static final Log LOG = Log.of(Component.RTP);
    private static final SecureRandom SEEDS = new SecureRandom();
    /** Ticks between RTCP socket polls (500 ms): RTCP is rare, an empty receive costs a syscall. */
    static final int RTCP_POLL_TICKS = 25;
    /** Ticks between refreshes of {@link #publishedStats()} (1 s). */
    static final int STATS_PUBLISH_TICKS = 50;
    private static final int CNAME_RANDOM_BYTES = 12;

    private final String sessionUuid;
    private final RtpLegConfig config;
    private final RtpPortPool.Lease lease;
    private final DatagramChannel rtpChannel;
    private final DatagramChannel rtcpChannel;
    private final RtpLegListener listener;
    private final int sampleRate;
    private final int frameSamples;
    private final long timeoutNanos;
    private final JitterBuffer jitterBuffer;
    private final TelephoneEventReceiver telephoneEvents;
    private final RtpReceiver receiver;
    private final RtpSender sender;
    private final RtcpSession rtcp;
    private final RtcpEndpoint rtcpEndpoint;
    private final DtmfSender dtmf;

    // written by any thread
    private volatile RtpRemote requestedRemote;
    private volatile RtpLegStats publishedStats;
    private final AtomicBoolean closed = new AtomicBoolean();

    // owned by the clock shard
    private Thread owner;
    private long ticks;
    private RtpRemote applied;
    private PayloadTypeSet accepted = PayloadTypeSet.of();
    private InetSocketAddress sdpTarget;
    private int packetSamples;
    private long timeoutBaseNanos;
    private boolean timedOut;

    private RtpCallLeg(String sessionUuid, RtpLegConfig config, RtpPortPool.Lease lease, DatagramChannel rtpChannel,
                       DatagramChannel rtcpChannel, RtpRemote remote, RtpLegListener listener) {
        this.sessionUuid = sessionUuid;
        this.config = config;
        this.lease = lease;
        this.rtpChannel = rtpChannel;
        this.rtcpChannel = rtcpChannel;
        this.listener = listener;
        this.sampleRate = config.jitter().sampleRate();
        this.frameSamples = sampleRate / 50;
        this.timeoutNanos = config.rtpTimeoutMs() * 1_000_000;
        this.requestedRemote = remote;
        SplittableRandom random = new SplittableRandom(SEEDS.nextLong());
        this.jitterBuffer = new JitterBuffer(config.jitter());
        this.telephoneEvents = new TelephoneEventReceiver(sampleRate, config.dtmfEndTimeoutMs() * 1_000_000, listener);
        this.receiver = new RtpReceiver(sessionUuid, config, jitterBuffer, telephoneEvents);
        this.sender = new RtpSender(sessionUuid, random.nextInt(), random.nextInt(), random.nextInt(), sampleRate,
                sampleRate * JitterBuffer.MAX_PACKET_MS / 1000);
        byte[] cnameBytes = new byte[CNAME_RANDOM_BYTES];
        random.nextBytes(cnameBytes);
        // RFC 7022: a random CNAME per session, nothing that identifies the host
        byte[] cname = Base64.getEncoder().encodeToString(cnameBytes).getBytes(StandardCharsets.US_ASCII);
        long epochOffsetNanos = System.currentTimeMillis() * 1_000_000 - System.nanoTime();
        this.rtcp = new RtcpSession(sender.ssrc(), cname, config.rtcpIntervalMs() * 1_000_000, epochOffsetNanos, random);
        this.dtmf = new DtmfSender(sampleRate);
        this.rtcpEndpoint = new RtcpEndpoint(rtcpChannel, rtcp, config.latchAnySource(), jitterBuffer, receiver, sender);
    }

    /**
     * Leases a port pair from {@code pool} and binds the RTP and RTCP sockets to it (pairs in use by
     * another process are skipped).
     *
     * @param sessionUuid the session this leg belongs to, for the uuid slot of its log lines
     *     ({@code null} for none)
     * @param remote the remote side from the SDP offer, or {@code null} until it is known (late
     *     offer): nothing is sent and received packets are dropped until {@link #updateRemote}
     * @throws PortPoolExhaustedException if no pair could be leased and bound
     */
    public static RtpCallLeg open(String sessionUuid, RtpLegConfig config, RtpPortPool pool, RtpRemote remote,
                                  RtpLegListener listener) throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(listener, "listener");
        RtpCallLeg leg = pool.bind(lease -> {
            DatagramChannel rtp = openChannel(config.bindAddress(), lease.rtpPort());
            try {
                DatagramChannel rtcp = openChannel(config.bindAddress(), lease.rtcpPort());
                return new RtpCallLeg(sessionUuid, config, lease, rtp, rtcp, remote, listener);
            } catch (IOException | RuntimeException e) {
                rtp.close();
                throw e;
            }
        });
        LOG.debug(sessionUuid, "leg_open", "ok", "local", config.bindAddress().getHostAddress() + ":" + leg.localRtpPort(),
                "remote", remote == null ? "unknown" : remote.rtp());
        return leg;
    }

    private static DatagramChannel openChannel(InetAddress address, int port) throws IOException {
        DatagramChannel channel = DatagramChannel.open(
                address instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.configureBlocking(false);
            channel.bind(new InetSocketAddress(address, port));
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public boolean readCallerFrame(short[] pcm, long nowNanos) {
        if (closed.get()) {
            Arrays.fill(pcm, 0, frameSamples, (short) 0);
            return false;
        }
        assert onOwnerThread() : "RtpCallLeg used from " + Thread.currentThread() + ", owned by " + owner;
        if (ticks++ == 0) {
            receiver.start(nowNanos);
            rtcp.start(nowNanos);
        }
        RtpRemote remote = requestedRemote;
        if (remote != applied) {
            apply(remote, nowNanos);
        }
        receiver.drain(rtpChannel, applied, accepted, nowNanos);
        telephoneEvents.onTick(nowNanos);
        checkRtpTimeout(nowNanos);
        if (ticks % RTCP_POLL_TICKS == 0) {
            rtcpEndpoint.service(applied, nowNanos);
        }
        boolean audio = jitterBuffer.pull(pcm, 0);
        if (ticks % STATS_PUBLISH_TICKS == 0) {
            publishedStats = stats(nowNanos);
        }
        return audio;
    }

    /** Only a two-way stream promises caller audio; the RTP timeout runs by the same rule. */
    @Override
    public boolean expectsCallerAudio() {
        return applied != null && applied.direction() == MediaDirection.SENDRECV;
    }

    @Override
    public void writeFrame(short[] pcm, long nowNanos) {
        if (closed.get()) {
            return;
        }
        assert onOwnerThread() : "RtpCallLeg used from " + Thread.currentThread() + ", owned by " + owner;
        RtpRemote remote = applied;
        if (remote == null) {
            sender.onFrame(rtpChannel, pcm, frameSamples, null, 0, null, frameSamples, nowNanos);
            return;
        }
        InetSocketAddress target = null;
        if (remote.direction().sends() && sdpTarget != null) {
            InetSocketAddress latched = receiver.latched();
            target = latched != null ? latched : sdpTarget;
        }
        if (target != null && remote.telephoneEventPayloadType() >= 0
                && dtmf.onTick(rtpChannel, sender, target, remote.telephoneEventPayloadType(), frameSamples, nowNanos)) {
            sender.onFrame(rtpChannel, pcm, frameSamples, null, remote.payloadType(), remote.codec(), packetSamples, nowNanos);
            return;   // a telephone-event replaces this tick's audio
        }
        sender.onFrame(rtpChannel, pcm, frameSamples, target, remote.payloadType(), remote.codec(), packetSamples,
                nowNanos);
    }

    @Override
    public Optional<G711Law> g711Law() {
        RtpRemote remote = requestedRemote;
        return remote != null && remote.codec() instanceof G711Law law ? Optional.of(law) : Optional.empty();
    }

    /**
     * Queues DTMF digits (0-9 * # A-D) for the caller as RFC 4733 telephone-events, {@code durationMs} each.
     *
     * @return false if the call negotiated no telephone-event or too many digits are queued
     */
    public boolean sendDtmf(String digits, int durationMs) {
        RtpRemote remote = requestedRemote;
        return remote != null && remote.telephoneEventPayloadType() >= 0 && dtmf.offer(digits, durationMs);
    }

    /**
     * Publishes a new remote description (re-INVITE: new address, codec, ptime or direction). The
     * shard applies it at the start of its next tick. A new address drops the latched source.
     */
    public void updateRemote(RtpRemote remote) {
        requestedRemote = remote;
    }

    private void apply(RtpRemote remote, long nowNanos) {
        RtpRemote previous = applied;
        applied = remote;
        if (remote == null) {
            accepted = PayloadTypeSet.of();
            return;
        }
        accepted = remote.payloadTypes();
        packetSamples = remote.ptimeMs() * sampleRate / 1000;
        sdpTarget = remote.hasTarget() ? remote.rtp() : null;
        if (previous == null || !previous.rtp().equals(remote.rtp())) {
            receiver.expect(remote, nowNanos);
            rtcpEndpoint.unlatch();
        }
        boolean timing = previous != null && previous.direction() == MediaDirection.SENDRECV;
        if (remote.direction() == MediaDirection.SENDRECV && !timing) {
            timeoutBaseNanos = nowNanos; // the inactivity timer starts (again) when the remote sends again
        }
        if (previous != null) {
            // DEBUG: the session layer logs the media change at NOTICE (LIFECYCLE media_update)
            LOG.debug(sessionUuid, "remote_update", "applied", "remote", remote.rtp(), "payload_type",
                    remote.payloadType(), "ptime_ms", remote.ptimeMs(), "direction", remote.direction());
        }
    }

    private void checkRtpTimeout(long nowNanos) {
        if (timeoutNanos == 0 || timedOut || applied == null || applied.direction() != MediaDirection.SENDRECV) {
            return;
        }
        long last = timeoutBaseNanos;
        if (receiver.receivedAny() && receiver.lastValidNanos() - last > 0) {
            last = receiver.lastValidNanos();
        }
        if (nowNanos - last >= timeoutNanos) {
            timedOut = true;
            LOG.warn(sessionUuid, "timeout", "fired", "silent_ms", (nowNanos - last) / 1_000_000, "timeout_ms",
                    config.rtpTimeoutMs(), "local_port", lease.rtpPort(), "remote", applied.rtp());
            listener.onRtpTimeout();
        }
    }

    private boolean onOwnerThread() {
        Thread current = Thread.currentThread();
        if (owner == null) {
            owner = current;
        }
        return owner == current;
    }

    /**
     * A snapshot of the leg's counters. Call on the owning shard (the session's health and telemetry
     * run there); other threads read {@link #publishedStats()}.
     */
    public RtpLegStats stats(long nowNanos) {
        Map<RtpPacketCheck, Long> invalidByReason = new EnumMap<>(RtpPacketCheck.class);
        long invalid = 0;
        for (RtpPacketCheck reason : RtpPacketCheck.values()) {
            long count = receiver.invalid(reason);
            if (reason != RtpPacketCheck.VALID && count > 0) {
                invalidByReason.put(reason, count);
                invalid += count;
            }
        }
        long age = receiver.receivedAny() ? (nowNanos - receiver.lastValidNanos()) / 1_000_000 : -1;
        boolean onHold = applied == null || !applied.direction().sends() || sdpTarget == null;
        return new RtpLegStats(receiver.packetsIn(), receiver.bytesIn(), sender.packetsSent(), sender.bytesSent(),
                jitterBuffer.packetsLost(), jitterBuffer.packetsLate(), jitterBuffer.packetsDuplicate(),
                jitterBuffer.packetsReordered(), invalid, invalidByReason, receiver.foreign(),
                jitterBuffer.ssrcChanges(), jitterBuffer.concealedFrames(), jitterBuffer.underrunFrames(),
                jitterBuffer.skippedFrames(),
                receiver.jitter() * 1000.0 / sampleRate, jitterBuffer.depthMs(), jitterBuffer.targetDelayMs(), age,
                telephoneEvents.digits(), onHold, receiver.latched() != null, receiver.latches(), timedOut,
                sender.sendFailures() + rtcpEndpoint.sendFailures(), rtcp.reportsSent(), rtcp.reportsReceived(),
                rtcp.invalidReceived(), rtcp.byeReceived(), rtcp.rttNanos() < 0 ? -1 : rtcp.rttNanos() / 1e6,
                rtcp.remoteFractionLost() / 256.0, rtcp.remoteJitter() * 1000.0 / sampleRate);
    }

    /** The snapshot the shard published last (about once a second), or {@code null} before the first. */
    public RtpLegStats publishedStats() {
        return publishedStats;
    }

    /** Local RTP port, for the SDP answer; RTCP is on the next port. */
    public int localRtpPort() {
        return lease.rtpPort();
    }

    public int localRtcpPort() {
        return lease.rtcpPort();
    }

    /** Our SSRC. */
    public int ssrc() {
        return sender.ssrc();
    }

    /**
     * Closes both sockets and returns the port pair to the pool. Idempotent; after it the leg plays
     * silence and sends nothing. Take the final {@link #stats(long)} on the shard before closing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            closeQuietly(rtpChannel);
            closeQuietly(rtcpChannel);
        } finally {
            lease.close();
        }
        LOG.debug(sessionUuid, "leg_close", "ok", "local_port", lease.rtpPort(), "ssrc",
                Integer.toUnsignedString(sender.ssrc(), 16));
    }

    private void closeQuietly(DatagramChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug(sessionUuid, "socket_close", "failed", "error", e.toString());
        }
    }
}
