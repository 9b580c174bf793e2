package org.audiostream.call.rtp;

import org.audiostream.media.PayloadCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import org.audiostream.observe.RateLimitedLog;

/**
 * Packetises the 20 ms frames the session writes into RTP packets of the negotiated packet time and
 * sends each with one non-blocking {@code send}: random SSRC, sequence and timestamp origin
 * (RFC 3550 §5.1), the timestamp advancing by one sample per sample whether or not we send, and the
 * marker bit on the first packet after the start and after every pause (hold). Send failures are
 * counted, and logged at most once per {@value #LOG_INTERVAL_SECONDS} s.
 *
 * <p>Threads: confined to the owning clock shard. Never allocates after construction, except for
 * a permitted failure log line.
 */
final class RtpSender {

    private static final Log LOG = Log.of(Component.RTP);
    static final int LOG_INTERVAL_SECONDS = 5;

    private final String sessionUuid;
    private final int ssrc;
    private final ByteBuffer packet;
    private final byte[] payload;
    private final short[] pending;
    private int pendingCount;
    /** Timestamp of {@code pending[0]}, or of the next sample when nothing is pending. */
    private int nextTimestamp;
    private int sequence;
    private boolean marker = true;
    private long lastFrameNanos;
    private int timestampAfterLastFrame;
    private final int sampleRate;

    private long packetsSent;
    private long bytesSent;
    private long payloadBytesSent;
    private long sendFailures;
    private final RateLimitedLog sendFailureLog = new RateLimitedLog(LOG_INTERVAL_SECONDS, TimeUnit.SECONDS);

    RtpSender(String sessionUuid, int ssrc, int firstSequence, int firstTimestamp, int sampleRate,
              int maxPacketSamples) {
        this.sessionUuid = sessionUuid;
        this.ssrc = ssrc;
        this.sequence = firstSequence & 0xFFFF;
        this.nextTimestamp = firstTimestamp;
        this.timestampAfterLastFrame = firstTimestamp;
        this.sampleRate = sampleRate;
        this.packet = ByteBuffer.allocateDirect(RtpHeaderWriter.LENGTH + maxPacketSamples);
        this.payload = new byte[maxPacketSamples];
        this.pending = new short[maxPacketSamples + sampleRate / 50];
    }

    /**
     * Takes one frame; sends every full packet of {@code packetSamples} it completes.
     *
     * @param target where to send, or {@code null} to send nothing (hold): the timestamp still
     *     advances and the next packet sent carries the marker bit
     */
    void onFrame(DatagramChannel channel, short[] pcm, int frameSamples, InetSocketAddress target, int payloadType,
                 PayloadCodec codec, int packetSamples, long nowNanos) {
        lastFrameNanos = nowNanos;
        if (target == null) {
            nextTimestamp += pendingCount + frameSamples;
            timestampAfterLastFrame = nextTimestamp;
            pendingCount = 0;
            marker = true;
            return;
        }
        System.arraycopy(pcm, 0, pending, pendingCount, frameSamples);
        pendingCount += frameSamples;
        timestampAfterLastFrame = nextTimestamp + pendingCount;
        int sent = 0;
        while (pendingCount - sent >= packetSamples) {
            send(channel, sent, packetSamples, target, payloadType, codec, nowNanos);
            sent += packetSamples;
        }
        if (sent > 0) {
            pendingCount -= sent;
            System.arraycopy(pending, sent, pending, 0, pendingCount);
        }
    }

    private void send(DatagramChannel channel, int from, int samples, InetSocketAddress target, int payloadType,
                      PayloadCodec codec, long nowNanos) {
        codec.encode(pending, from, payload, 0, samples);
        packet.clear();
        RtpHeaderWriter.write(packet, 0, marker, payloadType, sequence, nextTimestamp, ssrc);
        packet.put(RtpHeaderWriter.LENGTH, payload, 0, samples);
        int length = RtpHeaderWriter.LENGTH + samples;
        packet.limit(length);
        try {
            if (channel.send(packet, target) == length) {
                packetsSent++;
                bytesSent += length;
                payloadBytesSent += samples;
            } else {
                sendFailures++; // socket buffer full: drop, never wait
            }
        } catch (IOException e) {
            sendFailures++;
            long suppressed = sendFailureLog.tryAcquire(nowNanos);
            if (suppressed >= 0) {
                LOG.warn(sessionUuid, "send", "failed", "target", target, "error", e.toString(), "suppressed", suppressed);
            }
        }
        // a dropped packet still consumes its sequence number and timestamp: the receiver sees loss
        sequence = (sequence + 1) & 0xFFFF;
        nextTimestamp += samples;
        marker = false;
    }

    /** The timestamp the next audio sample would carry. */
    int nextTimestamp() {
        return nextTimestamp + pendingCount;
    }

    /**
     * Sends one RFC 4733 telephone-event packet: event, end bit, volume 10 (-10 dBm0) and the duration so far,
     * stamped with the event's start. It takes a sequence number; the timestamp does not advance.
     */
    void sendEvent(DatagramChannel channel, InetSocketAddress target, int payloadType, int eventTimestamp,
                   boolean eventMarker, int event, boolean end, int durationSamples, long nowNanos) {
        packet.clear();
        RtpHeaderWriter.write(packet, 0, eventMarker, payloadType, sequence, eventTimestamp, ssrc);
        packet.put(RtpHeaderWriter.LENGTH, (byte) event);
        packet.put(RtpHeaderWriter.LENGTH + 1, (byte) ((end ? 0x80 : 0) | 10));
        packet.putShort(RtpHeaderWriter.LENGTH + 2, (short) Math.min(durationSamples, 0xFFFF));
        int length = RtpHeaderWriter.LENGTH + 4;
        packet.limit(length);
        try {
            if (channel.send(packet, target) == length) {
                packetsSent++;
                bytesSent += length;
                payloadBytesSent += 4;
            } else {
                sendFailures++;
            }
        } catch (IOException e) {
            sendFailures++;
            long suppressed = sendFailureLog.tryAcquire(nowNanos);
            if (suppressed >= 0) {
                LOG.warn(sessionUuid, "send", "failed", "target", target, "error", e.toString(), "suppressed", suppressed);
            }
        }
        sequence = (sequence + 1) & 0xFFFF;
    }

    /** Our RTP timestamp at {@code nowNanos}, for an SR (RFC 3550 §6.4.1). */
    int timestampAt(long nowNanos) {
        long elapsedMicros = Math.max(0, nowNanos - lastFrameNanos) / 1000;
        return timestampAfterLastFrame + (int) (elapsedMicros * sampleRate / 1_000_000);
    }

    int ssrc() {
        return ssrc;
    }

    long packetsSent() {
        return packetsSent;
    }

    /** UDP payload bytes sent, RTP header included. */
    long bytesSent() {
        return bytesSent;
    }

    /** RTP payload octets sent, as an SR counts them. */
    long payloadBytesSent() {
        return payloadBytesSent;
    }

    long sendFailures() {
        return sendFailures;
    }
}
