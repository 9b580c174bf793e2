package org.audiostream.app.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.audiostream.call.rtp.PayloadTypeSet;
import org.audiostream.call.rtp.RtpHeaderWriter;
import org.audiostream.call.rtp.RtpPacketCheck;
import org.audiostream.call.rtp.RtpPacketView;
import org.audiostream.media.G711Law;

/**
 * The demo caller's media side: one UDP socket that sends a prompt as 20 ms PCMU packets paced on
 * absolute deadlines (frame {@code k} leaves at start + k·20 ms; a late frame leaves at once, so
 * the pace never drifts), with a random SSRC, sequence and timestamp origin, the marker bit on the
 * first packet and the timestamp advancing 160 per packet (RFC 3550 §5.1, RFC 3551 §4.5.14).
 * Between sends it receives what the gateway plays and places the PCMU packets in a
 * {@link CallRecording}; anything else (telephone-event, invalid packets) is counted and ignored.
 * Threads: one thread (the caller's). Sending and receiving reuse preallocated buffers.
 */
final class RtpStreamer implements AutoCloseable {

    static final int FRAME_SAMPLES = 160;
    static final long FRAME_NANOS = 20_000_000L;
    private static final int EVEN_PORT_ATTEMPTS = 20;
    private static final int PCMU = G711Law.PCMU.payloadType();
    private static final byte PCMU_SILENCE = G711Law.PCMU.encode((short) 0);

    /** Asked after every frame whether to go on; may do I/O (the caller polls SIP there). */
    @FunctionalInterface
    interface FrameCheck {
        boolean keepStreaming() throws IOException;
    }

    private final DatagramChannel channel;
    private final Selector selector;
    private final ByteBuffer packet = ByteBuffer.allocate(RtpHeaderWriter.LENGTH + FRAME_SAMPLES);
    private final byte[] payload = new byte[FRAME_SAMPLES];
    private final ByteBuffer received = ByteBuffer.allocate(2048);
    private final RtpPacketView view = new RtpPacketView();
    private final int ssrc;
    private int sequence;
    private int timestamp;
    private long packetsSent;
    private long packetsReceived;
    private long packetsIgnored;

    private RtpStreamer(DatagramChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        this.selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.ssrc = random.nextInt();
        this.sequence = random.nextInt(1 << 16);
        this.timestamp = random.nextInt();
    }

    /** Binds an even port on {@code address} (RFC 3550 §11: RTP even, RTCP the odd one above). */
    static RtpStreamer open(InetAddress address) throws IOException {
        for (int attempt = 0; attempt < EVEN_PORT_ATTEMPTS; attempt++) {
            DatagramChannel ch = DatagramChannel.open();
            try {
                ch.bind(new InetSocketAddress(address, 0));
                if (((InetSocketAddress) ch.getLocalAddress()).getPort() % 2 == 0) {
                    return new RtpStreamer(ch);
                }
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            ch.close();
        }
        throw new IOException("RTP bind failed: no even port in attempts=" + EVEN_PORT_ATTEMPTS + " (address " + address + ")");
    }

    int localPort() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    /**
     * Sends {@code prompt} (8 kHz) and then {@code silenceFrames} of silence to {@code remote},
     * recording what comes back meanwhile; stops early when {@code check} says so.
     *
     * @param telephoneEventPt the answer's telephone-event payload type (accepted and ignored), or -1
     * @return what the caller heard, sample 0 being the moment the first prompt packet left
     */
    CallRecording stream(short[] prompt, int silenceFrames, InetSocketAddress remote, int telephoneEventPt,
                         FrameCheck check) throws IOException {
        PayloadTypeSet accepted = PayloadTypeSet.of(PCMU, telephoneEventPt);
        int frames = (prompt.length + FRAME_SAMPLES - 1) / FRAME_SAMPLES + silenceFrames;
        drain(null, accepted);   // what arrived before the first send has no place on the timeline
        long start = System.nanoTime();
        // one second of room past the last frame for the echo still on its way
        CallRecording recording = new CallRecording(start, (frames + 50) * FRAME_SAMPLES);
        for (int k = 0; k < frames; k++) {
            receiveUntil(start + k * FRAME_NANOS, recording, accepted);
            send(prompt, k * FRAME_SAMPLES, remote, k == 0);
            if (!check.keepStreaming()) {
                break;
            }
        }
        receiveUntil(System.nanoTime() + FRAME_NANOS, recording, accepted);
        return recording;
    }

    long packetsSent() {
        return packetsSent;
    }

    long packetsReceived() {
        return packetsReceived;
    }

    /** Received packets that were not valid PCMU RTP (telephone-event included). */
    long packetsIgnored() {
        return packetsIgnored;
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }

    private void send(short[] prompt, int offset, InetSocketAddress remote, boolean marker) throws IOException {
        int n = Math.clamp(prompt.length - offset, 0, FRAME_SAMPLES);
        if (n > 0) {
            G711Law.PCMU.encode(prompt, offset, payload, 0, n);
        }
        Arrays.fill(payload, n, FRAME_SAMPLES, PCMU_SILENCE);
        RtpHeaderWriter.write(packet, 0, marker, PCMU, sequence, timestamp, ssrc);
        packet.put(RtpHeaderWriter.LENGTH, payload).clear();
        channel.send(packet, remote);
        sequence = (sequence + 1) & 0xFFFF;
        timestamp += FRAME_SAMPLES;
        packetsSent++;
    }

    /** Receives until {@code deadlineNanos}, waking for each packet so that arrival times are exact. */
    private void receiveUntil(long deadlineNanos, CallRecording recording, PayloadTypeSet accepted) throws IOException {
        while (true) {
            drain(recording, accepted);
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return;
            }
            if (left >= 1_000_000) {
                selector.select(left / 1_000_000);
                selector.selectedKeys().clear();
            } else {
                LockSupport.parkNanos(left);
            }
        }
    }

    /** Takes every queued packet; into {@code recording} if there is one. */
    private void drain(CallRecording recording, PayloadTypeSet accepted) throws IOException {
        while (true) {
            received.clear();
            if (channel.receive(received) == null) {
                return;
            }
            long arrival = System.nanoTime();
            packetsReceived++;
            byte[] data = received.array();
            if (view.wrap(data, 0, received.position(), accepted) != RtpPacketCheck.VALID || view.payloadType() != PCMU) {
                packetsIgnored++;
            } else if (recording != null) {
                recording.add(view.ssrc(), view.timestamp(), arrival, data, view.payloadOffset(), view.payloadLength());
            }
        }
    }
}
