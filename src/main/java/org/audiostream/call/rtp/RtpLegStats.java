package org.audiostream.call.rtp;

import java.util.Map;

/**
 * Snapshot of one RTP leg for health and metrics. Counters are totals since the leg opened.
 *
 * <p>Threads: immutable.
 *
 * @param packetsIn valid RTP packets accepted from the remote (audio and telephone-event)
 * @param bytesIn UDP payload bytes of those packets
 * @param packetsOut RTP packets sent
 * @param bytesOut UDP payload bytes sent (header included)
 * @param packetsLost packets never received (RFC 3550 A.3), across SSRC changes
 * @param packetsLate packets that arrived after their playout time; their audio was dropped
 * @param packetsDuplicate duplicates dropped
 * @param packetsReordered packets that arrived after a newer one
 * @param packetsInvalid datagrams rejected by validation, total of {@code invalidByReason}
 * @param invalidByReason rejected datagrams per reason
 * @param packetsForeign valid packets refused because of their source ({@link RtpSourceLatch})
 * @param ssrcChanges times the remote started a new stream
 * @param concealedFrames 20 ms frames played with silence in place of lost or late audio
 * @param underrunFrames frames played while nothing had arrived (remote paused or stalled)
 * @param skippedFrames 20 ms frames the jitter buffer dropped to bring its delay back down
 * @param jitterMs RFC 3550 interarrival jitter, including up to one tick of drain quantisation
 * @param bufferDepthMs audio buffered ahead of playout
 * @param bufferTargetMs current adaptive playout delay
 * @param lastPacketAgeMs time since the last valid RTP packet, -1 if none yet
 * @param dtmfDigits DTMF digits reported
 * @param onHold whether the remote's direction stops us sending
 * @param latched whether the send address is latched to the remote's actual source
 * @param latches times the leg latched onto a source (the SDP's, or a consistent one while that was silent)
 * @param rtpTimedOut whether the inactivity timeout fired
 * @param sendFailures packets not sent (socket buffer full or send error)
 * @param rtcpSent RTCP reports sent
 * @param rtcpReceived valid RTCP compounds received
 * @param rtcpInvalid RTCP datagrams rejected by validation (RFC 3550 A.2)
 * @param remoteBye whether the remote sent an RTCP BYE (RFC 3550 §6.6)
 * @param rttMs round-trip time from the remote's last report block (RFC 3550 §6.4.1), -1 if unknown
 * @param remoteFractionLost loss the remote reported for our stream, 0–1
 * @param remoteJitterMs jitter the remote reported for our stream
 */
public record RtpLegStats(long packetsIn, long bytesIn, long packetsOut, long bytesOut,
                          long packetsLost, long packetsLate, long packetsDuplicate, long packetsReordered,
                          long packetsInvalid, Map<RtpPacketCheck, Long> invalidByReason, long packetsForeign,
                          long ssrcChanges, long concealedFrames, long underrunFrames, long skippedFrames,
                          double jitterMs, int bufferDepthMs, int bufferTargetMs, long lastPacketAgeMs,
                          long dtmfDigits, boolean onHold, boolean latched, long latches, boolean rtpTimedOut, long sendFailures,
                          long rtcpSent, long rtcpReceived, long rtcpInvalid, boolean remoteBye, double rttMs,
                          double remoteFractionLost, double remoteJitterMs) {

    public RtpLegStats {
        invalidByReason = Map.copyOf(invalidByReason);
    }
}
