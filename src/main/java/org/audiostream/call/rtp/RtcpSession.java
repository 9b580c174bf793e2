package org.audiostream.call.rtp;

import java.nio.ByteBuffer;
import java.util.random.RandomGenerator;

/**
 * RTCP for one leg (RFC 3550 §6): decides when the next report is due (the mean interval
 * randomised over [0.5, 1.5], §6.3.1), builds it (SR if we sent RTP since the report before the
 * last one, else RR, §6.4), and reads the remote's reports: the LSR/DLSR pair we echo and the
 * remote's view of our stream, including the round-trip time (§6.4.1).
 *
 * <p>Threads: confined to the owning clock shard. Never allocates after construction.
 */
final class RtcpSession {

    private final int localSsrc;
    private final byte[] cname;
    private final long intervalNanos;
    private final long epochOffsetNanos;
    private final RandomGenerator random;
    private final RtcpCompoundReader reader = new RtcpCompoundReader();
    private final RtcpReport received = new RtcpReport();
    private final RtcpSenderInfo senderInfo = new RtcpSenderInfo();

    private long nextReportNanos;
    private long packetsSentAtLastReport;
    private long packetsSentAtReportBefore;
    private boolean hasLastSenderReport;
    private int lastSenderReport;
    private int lastSenderReportSsrc;
    private long lastSenderReportArrivalNanos;

    private long reportsSent;
    private long reportsReceived;
    private long invalidReceived;
    private long rttNanos = -1;
    private boolean hasRemoteReport;
    private int remoteFractionLost;
    private int remoteJitter;
    private boolean byeReceived;

    /**
     * @param epochOffsetNanos wall-clock nanoseconds since the Unix epoch minus the media clock's
     *     nanoseconds, for NTP timestamps
     */
    RtcpSession(int localSsrc, byte[] cname, long intervalNanos, long epochOffsetNanos, RandomGenerator random) {
        this.localSsrc = localSsrc;
        this.cname = cname;
        this.intervalNanos = intervalNanos;
        this.epochOffsetNanos = epochOffsetNanos;
        this.random = random;
    }

    /** Schedules the first report; §6.3.1: after half the interval. */
    void start(long nowNanos) {
        nextReportNanos = nowNanos + randomised(intervalNanos / 2);
    }

    private long randomised(long interval) {
        return (long) (interval * (0.5 + random.nextDouble()));
    }

    boolean due(long nowNanos) {
        return nowNanos - nextReportNanos >= 0;
    }

    /**
     * Writes the next report and schedules the one after.
     *
     * @param block the report block about the remote source, without LSR/DLSR (filled here), or null
     * @return bytes written at {@code dst[0]}
     */
    int writeReport(ByteBuffer dst, long nowNanos, long packetsSent, long payloadOctetsSent, int rtpTimestamp,
                    RtcpReportBlock block) {
        boolean weSent = packetsSent != packetsSentAtReportBefore;
        packetsSentAtReportBefore = packetsSentAtLastReport;
        packetsSentAtLastReport = packetsSent;
        if (block != null) {
            if (hasLastSenderReport && block.ssrc == lastSenderReportSsrc) {
                block.lastSenderReport = lastSenderReport;
                block.delaySinceLastSenderReport = NtpTime.toShortUnits(nowNanos - lastSenderReportArrivalNanos);
            } else {
                block.lastSenderReport = 0;
                block.delaySinceLastSenderReport = 0;
            }
        }
        RtcpSenderInfo info = null;
        if (weSent) {
            info = senderInfo.set(ntp(nowNanos), rtpTimestamp, packetsSent, payloadOctetsSent);
        }
        nextReportNanos = nowNanos + randomised(intervalNanos);
        reportsSent++;
        return RtcpReportWriter.write(dst, 0, localSsrc, info, block, cname);
    }

    /** Reads one received compound packet; invalid ones are counted and ignored. */
    RtcpCheck onPacket(ByteBuffer buffer, int offset, int length, long nowNanos) {
        RtcpCheck check = reader.read(buffer, offset, length, localSsrc, received);
        if (check != RtcpCheck.VALID) {
            invalidReceived++;
            return check;
        }
        reportsReceived++;
        if (received.hasSenderInfo) {
            hasLastSenderReport = true;
            lastSenderReport = NtpTime.middle32(received.senderInfo.ntpTimestamp);
            lastSenderReportSsrc = received.senderSsrc;
            lastSenderReportArrivalNanos = nowNanos;
        }
        if (received.hasBlockAboutUs) {
            RtcpReportBlock block = received.blockAboutUs;
            hasRemoteReport = true;
            remoteFractionLost = block.fractionLost;
            remoteJitter = block.jitter;
            if (block.lastSenderReport != 0) {
                // §6.4.1: RTT = A - LSR - DLSR in 1/65536 s
                int rtt = NtpTime.middle32(ntp(nowNanos)) - block.lastSenderReport - block.delaySinceLastSenderReport;
                if (rtt >= 0) {
                    rttNanos = NtpTime.shortUnitsToNanos(rtt);
                }
            }
        }
        byeReceived |= received.bye;
        return check;
    }

    private long ntp(long nowNanos) {
        return NtpTime.fromEpochNanos(epochOffsetNanos + nowNanos);
    }

    long reportsSent() {
        return reportsSent;
    }

    long reportsReceived() {
        return reportsReceived;
    }

    long invalidReceived() {
        return invalidReceived;
    }

    /** Round-trip time from the remote's last block about us, -1 if unknown. */
    long rttNanos() {
        return rttNanos;
    }

    boolean hasRemoteReport() {
        return hasRemoteReport;
    }

    /** Loss the remote reported for our stream, in 1/256. */
    int remoteFractionLost() {
        return remoteFractionLost;
    }

    /** Jitter the remote reported for our stream, in timestamp units. */
    int remoteJitter() {
        return remoteJitter;
    }

    boolean byeReceived() {
        return byeReceived;
    }
}
