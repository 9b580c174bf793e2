package org.audiostream.call.rtp;

import org.audiostream.call.MediaDirection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.audiostream.observe.CapturedLog;
import org.audiostream.observe.Component;
import org.audiostream.observe.LogFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RtpCallLeg} against a peer on real loopback sockets, driven on a manual 20 ms schedule:
 * the test sends what is due, then calls the leg as the clock shard would.
 */
class RtpCallLegIT {

    private static final long TICK_NANOS = 20_000_000L;
    private static final int FRAME = 160;
    private static final int PCMU = 0;
    private static final int EVENTS = 101;
    private static final int PEER_SSRC = 0x0BADCAFE;
    /** Default jitter buffer delay: 40 ms. */
    private static final int DELAY = 320;
    private static final String SESSION = "rtp-leg-it";

    private final RtpPortPool pool = new RtpPortPool(47000, 47199);
    private final ByteShiftCodec codec = new ByteShiftCodec();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final RtpLegListener listener = new RtpLegListener() {
        @Override
        public void onDtmf(char digit, int durationMs) {
            events.add("dtmf " + digit + "/" + durationMs);
        }

        @Override
        public void onRtpTimeout() {
            events.add("timeout");
        }
    };
    private final short[] frame = new short[FRAME];
    private final RtpPacketView view = new RtpPacketView();
    private RtpTestPeer peer;
    private RtpCallLeg leg;
    private long t0;
    private InetSocketAddress legRtp;
    private InetSocketAddress legRtcp;

    private long fdsBefore;

    private static long openFileDescriptors() {
        return ((com.sun.management.UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getOpenFileDescriptorCount();
    }

    /** Opens one leg first so that one-time JVM resources (SecureRandom's device files, classes) are not counted. */
    @BeforeAll
    static void initialiseJvmResources() throws IOException {
        try (RtpTestPeer warmPeer = new RtpTestPeer();
             RtpCallLeg warmLeg = RtpCallLeg.open(SESSION, RtpLegConfig.defaults(RtpTestPeer.LOOPBACK),
                     new RtpPortPool(47200, 47203), RtpRemote.of(warmPeer.rtpAddress(), PCMU, new ByteShiftCodec()), new RtpLegListener() {
                         @Override
                         public void onDtmf(char digit, int durationMs) {
                         }

                         @Override
                         public void onRtpTimeout() {
                         }
                     })) {
            warmLeg.readCallerFrame(new short[FRAME], System.nanoTime());
            InetAddress.getByName("127.0.0.2");
        }
    }

    @BeforeEach
    void openPeer() throws IOException {
        fdsBefore = openFileDescriptors();
        peer = new RtpTestPeer();
        t0 = System.nanoTime();
    }

    @AfterEach
    void closeEverything() throws IOException {
        if (leg != null) {
            leg.close();
            leg.close();
        }
        peer.close();
        assertThat(pool.freePairs()).isEqualTo(pool.totalPairs());
        assertThat(openFileDescriptors()).as("sockets closed").isEqualTo(fdsBefore);
    }

    private RtpRemote remote(int ptimeMs, MediaDirection direction) throws IOException {
        return new RtpRemote(peer.rtpAddress(), peer.rtcpAddress(), PCMU, codec, EVENTS, ptimeMs, direction);
    }

    private void open(RtpRemote remote, RtpLegConfig config) throws IOException {
        leg = RtpCallLeg.open(SESSION, config, pool, remote, listener);
        legRtp = new InetSocketAddress(RtpTestPeer.LOOPBACK, leg.localRtpPort());
        legRtcp = new InetSocketAddress(RtpTestPeer.LOOPBACK, leg.localRtcpPort());
    }

    private void open(RtpRemote remote) throws IOException {
        open(remote, RtpLegConfig.defaults(RtpTestPeer.LOOPBACK));
    }

    private long now(int tick) {
        return t0 + tick * TICK_NANOS;
    }

    /** Never 0 mod 256 patterns: a shifted or silent sample cannot match by accident for long. */
    private static byte patternByte(long n) {
        return (byte) (n * 37 + n / 251 + 1);
    }

    private static short patternSample(long n) {
        return ByteShiftCodec.sample(patternByte(n));
    }

    /**
     * Sends {@code packets} packets of {@code ptimeMs} of the pattern (packet k due at k * ptime,
     * plus {@code delayMs.get(k)}; {@code lost} never sent; {@code duplicated} sent twice) and calls
     * {@code readCallerFrame} once per tick for {@code ticks} ticks.
     *
     * @return every sample played
     */
    private short[] stream(int ptimeMs, int packets, int ticks, int seq0, int ts0, Map<Integer, Integer> delayMs,
                           Set<Integer> lost, Set<Integer> duplicated) throws IOException {
        int n = ptimeMs * 8;
        List<ArrivalPlan.Arrival> sends = ArrivalPlan.of(ptimeMs, packets, delayMs, lost, duplicated).arrivals();
        byte[] payload = new byte[n];
        short[] played = new short[ticks * FRAME];
        int next = 0;
        for (int tick = 0; tick < ticks; tick++) {
            while (next < sends.size() && sends.get(next).arrivalMs() <= tick * 20) {
                int k = sends.get(next++).index();
                for (int i = 0; i < n; i++) {
                    payload[i] = patternByte((long) k * n + i);
                }
                peer.sendRtp(legRtp, k == 0, PCMU, (seq0 + k) & 0xFFFF, ts0 + k * n, PEER_SSRC, payload, n);
            }
            leg.readCallerFrame(frame, now(tick));
            System.arraycopy(frame, 0, played, tick * FRAME, FRAME);
        }
        return played;
    }

    private static void assertPlayedIsSentDelayed(short[] played, int sentSamples, int lostFrom, int lostTo) {
        for (int i = 0; i < played.length; i++) {
            int n = i - DELAY;
            boolean silent = n < 0 || n >= sentSamples || (n >= lostFrom && n < lostTo);
            assertThat(played[i]).as("played sample %d (sent sample %d)", i, n).isEqualTo(silent ? 0 : patternSample(n));
        }
    }

    @Test
    void playsA20msStreamSampleForSampleAcrossSequenceAndTimestampWrap() throws IOException {
        open(remote(20, MediaDirection.SENDRECV));

        short[] played = stream(20, 150, 170, 65_500, 0xFFFF_F000, Map.of(40, 30, 90, 30), Set.of(100), Set.of(70));

        assertPlayedIsSentDelayed(played, 150 * FRAME, 100 * FRAME, 101 * FRAME);
        RtpLegStats stats = leg.stats(now(170));
        assertThat(stats.packetsIn()).isEqualTo(150);
        assertThat(stats.bytesIn()).isEqualTo(150 * (12 + FRAME));
        assertThat(stats.packetsDuplicate()).isEqualTo(1);
        assertThat(stats.packetsReordered()).isEqualTo(2);
        assertThat(stats.packetsLost()).isEqualTo(1);
        assertThat(stats.concealedFrames()).isEqualTo(1);
        assertThat(stats.packetsLate()).isZero();
        assertThat(stats.packetsInvalid()).isZero();
        assertThat(stats.latched()).isTrue();
        assertThat(stats.lastPacketAgeMs()).isEqualTo((170 - 149) * 20);
        assertThat(events).isEmpty();
    }

    @Test
    void playsAPcapLike30msStreamSampleForSample() throws IOException {
        open(remote(20, MediaDirection.SENDRECV));

        short[] played = stream(30, 100, 160, 1, 0, Map.of(8, 35), Set.of(), Set.of(50));

        assertPlayedIsSentDelayed(played, 100 * 240, 0, 0);
        RtpLegStats stats = leg.stats(now(160));
        assertThat(stats.packetsReordered()).isEqualTo(1);
        assertThat(stats.packetsDuplicate()).isEqualTo(1);
        assertThat(stats.packetsLost()).isZero();
        assertThat(stats.concealedFrames()).isZero();
    }

    /** Calls the leg for one tick as the shard does: read, then write {@code out}. */
    private void tick(int tick, short[] out) {
        leg.readCallerFrame(frame, now(tick));
        leg.writeFrame(out, now(tick));
    }

    private static short[] patternFrame(int tick) {
        short[] out = new short[FRAME];
        for (int i = 0; i < FRAME; i++) {
            out[i] = patternSample((long) tick * FRAME + i);
        }
        return out;
    }

    /** Receives {@code count} RTP packets on {@code channel} and checks header continuity and payload. */
    private void assertSent(DatagramChannel channel, int count, int samplesPerPacket, long firstSample) throws IOException {
        int firstSeq = 0;
        int firstTs = 0;
        for (int p = 0; p < count; p++) {
            ByteBuffer packet = peer.receive(channel, 2000);
            assertThat(packet).as("packet %d", p).isNotNull();
            assertThat(view.wrap(packet, 0, packet.limit(), PayloadTypeSet.of(PCMU))).isEqualTo(RtpPacketCheck.VALID);
            if (p == 0) {
                firstSeq = view.sequenceNumber();
                firstTs = view.timestamp();
            }
            assertThat(view.marker()).as("marker of packet %d", p).isEqualTo(p == 0);
            assertThat(view.ssrc()).isEqualTo(leg.ssrc());
            assertThat(view.sequenceNumber()).isEqualTo((firstSeq + p) & 0xFFFF);
            assertThat(view.timestamp()).isEqualTo(firstTs + p * samplesPerPacket);
            assertThat(view.payloadLength()).isEqualTo(samplesPerPacket);
            for (int i = 0; i < samplesPerPacket; i++) {
                assertThat(packet.get(view.payloadOffset() + i)).isEqualTo(patternByte(firstSample + (long) p * samplesPerPacket + i));
            }
        }
    }

    @Test
    void sendsDtmfAsRfc4733EventsInPlaceOfAudio() throws IOException {
        open(remote(20, MediaDirection.SENDRECV));
        assertThat(leg.sendDtmf("1#", 100)).isTrue();
        for (int t = 0; t < 20; t++) {
            tick(t, patternFrame(t));
        }
        List<String> sent = new java.util.ArrayList<>();
        int expectedSeq = -1;
        for (ByteBuffer packet = peer.receive(peer.rtp, 500); packet != null; packet = peer.receive(peer.rtp, 50)) {
            assertThat(view.wrap(packet, 0, packet.limit(), PayloadTypeSet.of(PCMU, EVENTS))).isEqualTo(RtpPacketCheck.VALID);
            if (expectedSeq >= 0) {
                assertThat(view.sequenceNumber()).as("sequence").isEqualTo(expectedSeq);
            }
            expectedSeq = (view.sequenceNumber() + 1) & 0xFFFF;
            int o = view.payloadOffset();
            sent.add(view.payloadType() == EVENTS
                    ? "event " + packet.get(o) + (view.marker() ? " M" : "") + ((packet.get(o + 1) & 0x80) != 0 ? " E" : "")
                            + " " + (packet.getShort(o + 2) & 0xFFFF) + " ts=" + view.timestamp()
                    : "audio");
        }
        String ts1 = sent.get(0).substring(sent.get(0).indexOf("ts="));
        String ts2 = sent.get(9).substring(sent.get(9).indexOf("ts="));
        assertThat(sent.subList(0, 18)).containsExactly(
                "event 1 M 160 " + ts1, "event 1 320 " + ts1, "event 1 480 " + ts1, "event 1 640 " + ts1,
                "event 1 E 800 " + ts1, "event 1 E 800 " + ts1, "event 1 E 800 " + ts1,
                "audio", "audio",
                "event 11 M 160 " + ts2, "event 11 320 " + ts2, "event 11 480 " + ts2, "event 11 640 " + ts2,
                "event 11 E 800 " + ts2, "event 11 E 800 " + ts2, "event 11 E 800 " + ts2,
                "audio", "audio");
        assertThat(Integer.parseInt(ts2.substring(3)) - Integer.parseInt(ts1.substring(3))).as("7 ticks apart")
                .isEqualTo(7 * FRAME);
        assertThat(sent.subList(18, sent.size())).containsOnly("audio");
    }

    @Test
    void sendsNoDtmfWithoutANegotiatedTelephoneEvent() throws IOException {
        open(new RtpRemote(peer.rtpAddress(), peer.rtcpAddress(), PCMU, codec, -1, 20, MediaDirection.SENDRECV));
        assertThat(leg.sendDtmf("1", 100)).isFalse();
    }

    @Test
    void sendsOnePacketPerFrameWithContinuousHeaders() throws IOException {
        open(remote(20, MediaDirection.SENDRECV));

        for (int t = 0; t < 50; t++) {
            tick(t, patternFrame(t));
        }

        assertSent(peer.rtp, 50, FRAME, 0);
        assertThat(peer.receive(peer.rtp, 50)).isNull();
        assertThat(leg.stats(now(50)).packetsOut()).isEqualTo(50);
        assertThat(leg.stats(now(50)).bytesOut()).isEqualTo(50 * (12 + FRAME));
    }

    @Test
    void sendsTheNegotiatedPacketTime() throws IOException {
        open(remote(30, MediaDirection.SENDRECV));

        for (int t = 0; t < 30; t++) {
            tick(t, patternFrame(t));
        }

        assertSent(peer.rtp, 20, 240, 0);
        assertThat(peer.receive(peer.rtp, 50)).isNull();
    }

    /**
     * Issue 14 finding 2: an attacker on the caller's IP address sends first, from another port. The leg waits
     * for the SDP's exact source, latches to it when the caller starts, and the attacker gets nothing.
     */
    @Test
    void aSourceOnTheSdpAddressThatSendsFirstCannotTakeTheCallOver() throws IOException {
        try (RtpTestPeer attacker = new RtpTestPeer()) {
            open(remote(20, MediaDirection.SENDRECV));
            byte[] payload = new byte[FRAME];
            for (int t = 0; t < 60; t++) {
                attacker.sendRtp(legRtp, t == 0, PCMU, 100 + t, t * FRAME, 0x5EED, payload, FRAME);
                if (t >= 5) {
                    peer.sendRtp(legRtp, t == 5, PCMU, 1 + t, t * FRAME, PEER_SSRC, payload, FRAME);
                }
                tick(t, patternFrame(t));
            }
            assertThat(attacker.receive(attacker.rtp, 50)).as("the attacker receives nothing").isNull();
            assertThat(peer.receive(peer.rtp, 2000)).as("the caller receives our RTP").isNotNull();
            RtpLegStats stats = leg.stats(now(60));
            assertThat(stats.packetsIn()).as("only the caller's packets").isEqualTo(55);
            assertThat(stats.packetsForeign()).as("every attacker packet refused").isEqualTo(60);
            assertThat(stats.latches()).isEqualTo(1);
            assertThat(stats.ssrcChanges()).isZero();
        }
    }

    /** A phone behind NAT sends from another port than its SDP says: followed once the SDP port stayed silent. */
    @Test
    void followsAConsistentSourceOnceTheSdpPortStaysSilent() throws IOException {
        try (DatagramChannel sdpAddress = DatagramChannel.open().bind(new InetSocketAddress(RtpTestPeer.LOOPBACK, 0))) {
            sdpAddress.configureBlocking(false);
            InetSocketAddress sdp = (InetSocketAddress) sdpAddress.getLocalAddress();
            open(new RtpRemote(sdp, peer.rtcpAddress(), PCMU, codec, EVENTS, 20, MediaDirection.SENDRECV));
            byte[] payload = new byte[FRAME];
            int silentTicks = (int) (RtpSourceLatch.SILENCE_MS / 20);
            for (int t = 0; t < silentTicks; t++) {
                peer.sendRtp(legRtp, t == 0, PCMU, 1 + t, t * FRAME, PEER_SSRC, payload, FRAME);
                tick(t, patternFrame(t));
            }
            assertThat(peer.receive(sdpAddress, 2000)).as("before latching we send to the SDP address").isNotNull();
            assertThat(leg.stats(now(silentTicks)).latched()).as("not while the SDP port may still start").isFalse();

            peer.sendRtp(legRtp, false, PCMU, 1 + silentTicks, silentTicks * FRAME, PEER_SSRC, payload, FRAME);
            tick(silentTicks, patternFrame(silentTicks));
            drain(sdpAddress);
            tick(silentTicks + 1, patternFrame(silentTicks + 1));
            assertThat(peer.receive(peer.rtp, 2000)).as("after latching we send to the source").isNotNull();
            assertThat(peer.receive(sdpAddress, 50)).isNull();
            RtpLegStats stats = leg.stats(now(silentTicks + 2));
            assertThat(stats.latches()).isEqualTo(1);
            assertThat(stats.packetsForeign()).isEqualTo(silentTicks);
            assertThat(stats.packetsIn()).isEqualTo(1);
        }
    }

    /** A source behind NAT whose packets are lost now and then on a loaded path is still consistent, and followed. */
    @Test
    void followsASourceWhoseSequenceHasGapsOfLostPackets() throws IOException {
        try (DatagramChannel sdpAddress = DatagramChannel.open().bind(new InetSocketAddress(RtpTestPeer.LOOPBACK, 0))) {
            sdpAddress.configureBlocking(false);
            open(new RtpRemote((InetSocketAddress) sdpAddress.getLocalAddress(), peer.rtcpAddress(), PCMU, codec, EVENTS,
                    20, MediaDirection.SENDRECV));
            byte[] payload = new byte[FRAME];
            int ticks = (int) (RtpSourceLatch.SILENCE_MS / 20) + 1;
            int seq = 1;
            for (int t = 0; t < ticks; t++) {
                seq += t % 3 == 2 ? 1 + RtpSourceLatch.MAX_SEQ_STEP / 2 : 1;   // every third packet follows a gap
                peer.sendRtp(legRtp, t == 0, PCMU, seq, t * FRAME, PEER_SSRC, payload, FRAME);
                tick(t, patternFrame(t));
            }
            drain(sdpAddress);
            tick(ticks, patternFrame(ticks));
            RtpLegStats stats = leg.stats(now(ticks + 1));
            assertThat(stats.latched()).isTrue();
            assertThat(stats.latches()).isEqualTo(1);
            assertThat(peer.receive(peer.rtp, 2000)).as("after latching we send to the source").isNotNull();
        }
    }

    /** A source that keeps changing SSRC or jumps in sequence is never followed, however long the SDP port is silent. */
    @Test
    void anInconsistentSourceIsNeverFollowed() throws IOException {
        try (DatagramChannel sdpAddress = DatagramChannel.open().bind(new InetSocketAddress(RtpTestPeer.LOOPBACK, 0))) {
            sdpAddress.configureBlocking(false);
            open(new RtpRemote((InetSocketAddress) sdpAddress.getLocalAddress(), peer.rtcpAddress(), PCMU, codec, EVENTS, 20,
                    MediaDirection.SENDRECV));
            byte[] payload = new byte[FRAME];
            for (int t = 0; t < 100; t++) {
                boolean newSsrc = t % 2 == 0;
                peer.sendRtp(legRtp, false, PCMU, newSsrc ? 7 * t : 1000 + 3 * t, t * FRAME, newSsrc ? t : PEER_SSRC,
                        payload, FRAME);
                tick(t, patternFrame(t));
            }
            RtpLegStats stats = leg.stats(now(100));
            assertThat(stats.latched()).isFalse();
            assertThat(stats.packetsForeign()).isEqualTo(100);
            assertThat(peer.receive(peer.rtp, 50)).isNull();
        }
    }

    /** After latching, another source replaces the latched one only when that fell silent and the new one is consistent. */
    @Test
    void anotherSourceTakesOverOnlyWhenTheLatchedOneFellSilent() throws IOException {
        try (RtpTestPeer moved = new RtpTestPeer()) {
            open(remote(20, MediaDirection.SENDRECV));
            byte[] payload = new byte[FRAME];
            int t = 0;
            for (; t < 20; t++) {
                peer.sendRtp(legRtp, t == 0, PCMU, 1 + t, t * FRAME, PEER_SSRC, payload, FRAME);
                moved.sendRtp(legRtp, t == 0, PCMU, 500 + t, t * FRAME, PEER_SSRC + 1, payload, FRAME);
                tick(t, patternFrame(t));
            }
            assertThat(leg.stats(now(t)).packetsForeign()).as("a new SSRC alone moves nothing").isEqualTo(20);
            int silentFrom = t;
            for (; t < silentFrom + RtpSourceLatch.SILENCE_MS / 20 + 1; t++) {
                moved.sendRtp(legRtp, false, PCMU, 500 + t, t * FRAME, PEER_SSRC + 1, payload, FRAME);
                tick(t, patternFrame(t));
            }
            drain(peer.rtp);
            tick(t, patternFrame(t));
            assertThat(moved.receive(moved.rtp, 2000)).as("the new source gets our RTP").isNotNull();
            assertThat(peer.receive(peer.rtp, 50)).isNull();
            assertThat(leg.stats(now(t + 1)).latches()).isEqualTo(2);
        }
    }

    @Test
    void aReInviteWithANewAddressDropsTheLatchFromTheNextTick() throws IOException {
        open(remote(20, MediaDirection.SENDRECV));
        peer.sendRtp(legRtp, true, PCMU, 1, 0, PEER_SSRC, new byte[FRAME], FRAME);
        tick(0, patternFrame(0));
        assertThat(peer.receive(peer.rtp, 2000)).isNotNull();

        try (RtpTestPeer moved = new RtpTestPeer()) {
            leg.updateRemote(new RtpRemote(moved.rtpAddress(), moved.rtcpAddress(), PCMU, codec, EVENTS, 20,
                    MediaDirection.SENDRECV));
            tick(1, patternFrame(1));

            assertThat(moved.receive(moved.rtp, 2000)).isNotNull();
            assertThat(peer.receive(peer.rtp, 50)).isNull();
            assertThat(leg.stats(now(2)).latched()).isFalse();
        }
    }

    @Test
    void strictLatchingRejectsAnotherAddressUntilLatchAnySourceIsOn() throws IOException {
        InetAddress otherLoopback = InetAddress.getByName("127.0.0.2");
        try (DatagramChannel from2 = DatagramChannel.open().bind(new InetSocketAddress(otherLoopback, 0))) {
            from2.configureBlocking(false);
            int ticks = (int) (RtpSourceLatch.SILENCE_MS / 20) + 1;
            open(remote(20, MediaDirection.SENDRECV));
            sendFrom(from2, ticks);
            assertThat(leg.stats(now(ticks)).packetsForeign()).isEqualTo(ticks);
            assertThat(leg.stats(now(ticks)).latched()).isFalse();
            leg.close();

            RtpLegConfig defaults = RtpLegConfig.defaults(RtpTestPeer.LOOPBACK);
            open(remote(20, MediaDirection.SENDRECV), new RtpLegConfig(defaults.bindAddress(), defaults.jitter(),
                    true, defaults.rtpTimeoutMs(), defaults.rtcpIntervalMs(), defaults.dtmfEndTimeoutMs()));
            sendFrom(from2, ticks);
            assertThat(leg.stats(now(ticks)).latched()).isTrue();
            tick(ticks, patternFrame(ticks));
            assertThat(peer.receive(from2, 2000)).as("we send to the NAT-ed source").isNotNull();
        }
    }

    /** Sends one sequential packet per tick from {@code from} for {@code ticks} ticks, ticking the leg after each. */
    private void sendFrom(DatagramChannel from, int ticks) throws IOException {
        ByteBuffer packet = ByteBuffer.allocate(12 + FRAME);
        for (int t = 0; t < ticks; t++) {
            packet.clear();
            RtpHeaderWriter.write(packet, 0, t == 0, PCMU, 1 + t, t * FRAME, PEER_SSRC);
            packet.position(0).limit(12 + FRAME);
            from.send(packet, legRtp);
            tick(t, patternFrame(t));
        }
    }

    /** Reads and discards what is waiting on {@code channel}. */
    private void drain(DatagramChannel channel) throws IOException {
        while (peer.receive(channel, 20) != null) {
            // discard
        }
    }

    @Test
    void stopsSendingOnHoldWithoutTimingOutAndMarksTheResumedSpurt() throws IOException {
        RtpLegConfig defaults = RtpLegConfig.defaults(RtpTestPeer.LOOPBACK);
        open(remote(20, MediaDirection.SENDRECV), new RtpLegConfig(defaults.bindAddress(), defaults.jitter(), false,
                1000, defaults.rtcpIntervalMs(), defaults.dtmfEndTimeoutMs()));
        RtpRemote sendrecv = remote(20, MediaDirection.SENDRECV);
        byte[] payload = new byte[FRAME];
        peer.sendRtp(legRtp, true, PCMU, 1, 0, PEER_SSRC, payload, FRAME);
        tick(0, patternFrame(0));
        ByteBuffer first = peer.receive(peer.rtp, 2000);
        view.wrap(first, 0, first.limit(), PayloadTypeSet.of(PCMU));
        int firstTs = view.timestamp();
        int firstSeq = view.sequenceNumber();

        leg.updateRemote(sendrecv.withDirection(MediaDirection.RECVONLY));
        for (int t = 1; t <= 100; t++) {
            tick(t, patternFrame(t));
        }
        assertThat(peer.receive(peer.rtp, 50)).as("nothing sent on hold").isNull();
        assertThat(events).as("no timeout on hold").isEmpty();
        assertThat(leg.stats(now(101)).onHold()).isTrue();

        leg.updateRemote(sendrecv);
        tick(101, patternFrame(101));
        ByteBuffer resumed = peer.receive(peer.rtp, 2000);
        view.wrap(resumed, 0, resumed.limit(), PayloadTypeSet.of(PCMU));
        assertThat(view.marker()).isTrue();
        assertThat(view.sequenceNumber()).isEqualTo((firstSeq + 1) & 0xFFFF);
        assertThat(view.timestamp()).isEqualTo(firstTs + 101 * FRAME);

        for (int t = 102; t < 151; t++) {
            tick(t, patternFrame(t));
        }
        assertThat(events).isEmpty();
        tick(151, patternFrame(151)); // 50 ticks = 1000 ms after the resume
        assertThat(events).containsExactly("timeout");
    }

    @Test
    void reportsTheRtpTimeoutOnce() throws IOException {
        RtpLegConfig defaults = RtpLegConfig.defaults(RtpTestPeer.LOOPBACK);
        open(remote(20, MediaDirection.SENDRECV), new RtpLegConfig(defaults.bindAddress(), defaults.jitter(), false,
                1000, defaults.rtcpIntervalMs(), defaults.dtmfEndTimeoutMs()));

        stream(20, 10, 59, 1, 0, Map.of(), Set.of(), Set.of());
        assertThat(events).isEmpty();
        leg.readCallerFrame(frame, now(59)); // last packet at tick 9: 1000 ms later
        assertThat(events).containsExactly("timeout");
        for (int t = 60; t < 200; t++) {
            leg.readCallerFrame(frame, now(t));
        }
        assertThat(events).containsExactly("timeout");
        assertThat(leg.stats(now(200)).rtpTimedOut()).isTrue();
    }

    @Test
    void reportsAnRfc4733DigitOnceAmidAudio() throws IOException {
        open(remote(20, MediaDirection.SENDRECV));
        byte[] audio = new byte[FRAME];
        byte[] event = new byte[4];
        int seq = 1;
        int t = 0;
        for (; t < 5; t++) {
            peer.sendRtp(legRtp, t == 0, PCMU, seq++, t * FRAME, PEER_SSRC, audio, FRAME);
            leg.readCallerFrame(frame, now(t));
        }
        int eventTs = t * FRAME;
        int[][] sequence = { // end flag, duration: start x3, updates, end x3 (RFC 4733 §2.5.1)
            {0, 160}, {0, 160}, {0, 160}, {0, 560}, {0, 960}, {0, 1360}, {1, 1600}, {1, 1600}, {1, 1600}};
        for (int[] packet : sequence) {
            event[0] = 5;
            event[1] = (byte) (packet[0] == 1 ? 0x8A : 0x0A);
            event[2] = (byte) (packet[1] >> 8);
            event[3] = (byte) packet[1];
            peer.sendRtp(legRtp, seq == 6, EVENTS, seq++, eventTs, PEER_SSRC, event, 4);
            leg.readCallerFrame(frame, now(t++));
        }
        for (int k = 0; k < 5; k++, t++) {
            peer.sendRtp(legRtp, false, PCMU, seq++, t * FRAME, PEER_SSRC, audio, FRAME);
            leg.readCallerFrame(frame, now(t));
        }

        assertThat(events).containsExactly("dtmf 5/200");
        assertThat(leg.stats(now(t)).dtmfDigits()).isEqualTo(1);
        assertThat(leg.stats(now(t)).packetsLost()).isZero();
    }

    @Test
    void countsMalformedPacketsByReason() throws IOException {
        open(remote(20, MediaDirection.SENDRECV));
        byte[] payload = new byte[FRAME];
        peer.sendRtp(legRtp, true, 8, 1, 0, PEER_SSRC, payload, FRAME); // PCMA was not negotiated
        peer.rtp.send(ByteBuffer.wrap(new byte[] {(byte) 0x80, 0, 0}), legRtp);
        peer.rtp.send(ByteBuffer.wrap(new byte[] {0x40, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1}), legRtp);
        leg.readCallerFrame(frame, now(0));

        RtpLegStats stats = leg.stats(now(1));
        assertThat(stats.packetsInvalid()).isEqualTo(3);
        assertThat(stats.invalidByReason()).containsOnly(
                Map.entry(RtpPacketCheck.PAYLOAD_TYPE_NOT_NEGOTIATED, 1L),
                Map.entry(RtpPacketCheck.TOO_SHORT, 1L),
                Map.entry(RtpPacketCheck.BAD_VERSION, 1L));
        assertThat(stats.packetsIn()).isZero();
        assertThat(stats.latched()).isFalse();
    }

    @Test
    void logsRejectedPacketsAtMostOncePerIntervalWithTheNumberHeldBack() throws IOException {
        open(remote(20, MediaDirection.SENDRECV));
        byte[] tooShort = {(byte) 0x80, 0, 0};
        int nextInterval = RtpReceiver.LOG_INTERVAL_SECONDS * 50;
        try (CapturedLog log = new CapturedLog(Component.RTP, LogFormat.TEXT, Level.WARN)) {
            for (int t = 0; t < 3; t++) {
                peer.rtp.send(ByteBuffer.wrap(tooShort), legRtp);
                peer.rtp.send(ByteBuffer.wrap(tooShort), legRtp);
                leg.readCallerFrame(frame, now(t));
            }
            peer.rtp.send(ByteBuffer.wrap(tooShort), legRtp);
            leg.readCallerFrame(frame, now(nextInterval));

            InetSocketAddress source = peer.rtpAddress();
            String expected = "WARN   [" + SESSION + "] RTP packet rejected source=/" + source.getAddress().getHostAddress()
                    + ":" + source.getPort()
                    + " reason=\"RTP packet rejected: length=3 < 12 bytes of fixed header (length=3)\" suppressed=";
            assertThat(log.lines.stream().filter(l -> l.contains(" RTP packet rejected ")).toList())
                    .satisfiesExactly(
                            first -> assertThat(first).endsWith(expected + "0"),
                            second -> assertThat(second).endsWith(expected + "5"));
        }
        assertThat(leg.stats(now(nextInterval)).packetsInvalid()).isEqualTo(7);
    }

    /**
     * Ticks (peer audio in, pattern out) until the leg's next RTCP report reaches the peer, parses
     * it into {@code report}, and returns the tick it was sent on.
     */
    private int tickUntilReport(int from, RtcpReport report) throws IOException {
        byte[] payload = new byte[FRAME];
        for (int t = from; t < from + 1000; t++) {
            peer.sendRtp(legRtp, t == 0, PCMU, 1000 + t, t * FRAME, PEER_SSRC, payload, FRAME);
            tick(t, patternFrame(t));
            ByteBuffer packet = peer.receive(peer.rtcp, 0);
            if (packet != null) {
                assertThat(new RtcpCompoundReader().read(packet, 0, packet.limit(), PEER_SSRC, report))
                        .isEqualTo(RtcpCheck.VALID);
                return t;
            }
        }
        throw new AssertionError("no RTCP report within 1000 ticks after tick " + from);
    }

    /** The tick on which the leg reads RTCP that arrived after {@code tick}. */
    private static int nextRtcpPoll(int tick) {
        return ((tick + 1) / RtpCallLeg.RTCP_POLL_TICKS + 1) * RtpCallLeg.RTCP_POLL_TICKS - 1;
    }

    @Test
    void exchangesRtcpReportsAndMeasuresTheRoundTrip() throws IOException {
        open(remote(20, MediaDirection.SENDRECV));
        RtcpReport report = new RtcpReport();

        // first report: due within 0.5 * [0.5, 1.5] * 5 s (ticks 62.5-187.5), sent on the next 500 ms
        // poll (ticks 24, 49, ...); an SR since we send; nothing to echo yet
        int first = tickUntilReport(0, report);
        assertThat(first).isBetween(74, 199);
        assertThat((first + 1) % RtpCallLeg.RTCP_POLL_TICKS).isZero();
        assertThat(report.senderSsrc).isEqualTo(leg.ssrc());
        assertThat(report.hasSenderInfo).isTrue();
        assertThat(report.senderInfo.packetCount).isEqualTo(first); // the frames of ticks 0..first-1
        assertThat(report.senderInfo.octetCount).isEqualTo((long) first * FRAME);
        assertThat(report.hasBlockAboutUs).isTrue();
        assertThat(report.blockAboutUs.extendedHighestSequence).isEqualTo(1000 + first);
        assertThat(report.blockAboutUs.cumulativeLost).isZero();
        assertThat(report.blockAboutUs.fractionLost).isZero();
        assertThat(report.blockAboutUs.lastSenderReport).isZero();

        // the peer sends an SR: the next report echoes it (LSR) with the delay since (DLSR)
        ByteBuffer peerSr = ByteBuffer.allocate(100);
        RtcpSenderInfo peerInfo = new RtcpSenderInfo().set(0x0000_1234_5678_0000L, 99, 7, 1120);
        peerSr.limit(RtcpReportWriter.write(peerSr, 0, PEER_SSRC, peerInfo, null, "peer".getBytes()));
        peer.sendRtcp(legRtcp, peerSr);
        int second = tickUntilReport(first + 1, report);
        assertThat(second - first).isBetween(125, 375);
        assertThat(report.blockAboutUs.lastSenderReport).isEqualTo(0x1234_5678);
        assertThat(NtpTime.shortUnitsToNanos(report.blockAboutUs.delaySinceLastSenderReport) / 1e6)
                .isCloseTo((second - nextRtcpPoll(first)) * 20.0, within(0.05));
        assertThat(leg.stats(now(second)).rtcpReceived()).isEqualTo(1);
        assertThat(leg.stats(now(second)).rtcpSent()).isEqualTo(2);

        // the peer reports on our stream, echoing our SR with DLSR = 250 ms
        RtcpReportBlock aboutLeg = new RtcpReportBlock().set(leg.ssrc(), 64, 2, 0, 80,
                NtpTime.middle32(report.senderInfo.ntpTimestamp), 0x4000);
        ByteBuffer peerRr = ByteBuffer.allocate(100);
        peerRr.limit(RtcpReportWriter.write(peerRr, 0, PEER_SSRC, null, aboutLeg, "peer".getBytes()));
        peer.sendRtcp(legRtcp, peerRr);
        int poll = nextRtcpPoll(second);
        for (int t = second + 1; t <= poll; t++) {
            tick(t, patternFrame(t));
        }

        RtpLegStats stats = leg.stats(now(poll + 1));
        assertThat(stats.rtcpReceived()).isEqualTo(2);
        assertThat(stats.rttMs()).isCloseTo((poll - second) * 20.0 - 250.0, within(0.05));
        assertThat(stats.remoteFractionLost()).isEqualTo(0.25);
        assertThat(stats.remoteJitterMs()).isEqualTo(10.0);
        assertThat(stats.remoteBye()).isFalse();

        // a malformed datagram is counted; an RR + BYE compound marks the remote as gone
        peer.sendRtcp(legRtcp, ByteBuffer.wrap(RtcpReportWriterTest.bytes(0x80, 0xC9, 0x00)));
        peer.sendRtcp(legRtcp, ByteBuffer.wrap(RtcpReportWriterTest.bytes(
                0x80, 0xC9, 0x00, 0x01, 0x0B, 0xAD, 0xCA, 0xFE, 0x81, 0xCB, 0x00, 0x01, 0x0B, 0xAD, 0xCA, 0xFE)));
        for (int t = poll + 1; t <= poll + RtpCallLeg.RTCP_POLL_TICKS; t++) {
            tick(t, patternFrame(t));
        }
        stats = leg.stats(now(poll + RtpCallLeg.RTCP_POLL_TICKS + 1));
        assertThat(stats.rtcpInvalid()).isEqualTo(1);
        assertThat(stats.rtcpReceived()).isEqualTo(3);
        assertThat(stats.remoteBye()).isTrue();
    }

    /**
     * Steady state allocates nothing per tick. The bound is "fewer bytes than ticks" rather than 0:
     * one object per tick would cost at least 16 bytes per tick, while C2's recompilations during
     * warm-up occasionally rematerialise a few objects once (measured: up to about 1 KB in total;
     * none with C1 only or in the interpreter). The stats publication once a second allocates its
     * snapshot and is excluded.
     */
    @Test
    void readAndWriteAllocateNothingPerTick() throws IOException {
        open(remote(20, MediaDirection.SENDRECV));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] payload = new byte[FRAME];
        short[] out = patternFrame(0);
        long allocated = 0;
        int measured = 0;
        for (int t = 0; t < 10_000; t++) {
            peer.sendRtp(legRtp, t == 0, PCMU, t & 0xFFFF, t * FRAME, PEER_SSRC, payload, FRAME);
            if (t % 10 == 0) {
                while (peer.receive(peer.rtp, 0) != null) {
                    // keep the peer's socket from filling; the peer's allocations are not measured
                }
            }
            boolean publishes = (t + 1) % RtpCallLeg.STATS_PUBLISH_TICKS == 0;
            long before = threads.getCurrentThreadAllocatedBytes();
            leg.readCallerFrame(frame, now(t));
            leg.writeFrame(out, now(t));
            long delta = threads.getCurrentThreadAllocatedBytes() - before;
            if (t >= 5_000 && !publishes) {
                allocated += delta;
                measured++;
            }
        }

        assertThat(measured).isEqualTo(4_900);
        assertThat(allocated).as("bytes allocated over %d ticks", measured).isLessThan(measured);
        assertThat(leg.publishedStats().packetsIn()).isEqualTo(10_000);
        assertThat(leg.publishedStats().packetsOut()).as("published before the tick's write").isEqualTo(9_999);
        assertThat(leg.publishedStats().concealedFrames()).isZero();
    }
}
