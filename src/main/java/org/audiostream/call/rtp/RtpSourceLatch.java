package org.audiostream.call.rtp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import org.audiostream.observe.RateLimitedLog;
import org.audiostream.observe.SecurityEvent;

/**
 * Decides whose RTP a leg accepts and where it sends (symmetric RTP, RFC 4961), so that nobody can take a
 * call over by sending first:
 * <ol>
 *   <li>packets from the exact address and port of the SDP are always accepted, and latch the leg to them;
 *   <li>packets from the latched source are accepted;
 *   <li>any other source is refused, unless it is consistent — {@value #LATCH_RUN} packets in a row with one
 *       SSRC and sequence numbers that advance by 1 to {@value #MAX_SEQ_STEP} (a lost or late packet on a loaded
 *       path does not start the count again; a duplicate is not counted) — while the current source (the latched one, or the SDP's before
 *       anything latched) has been silent for {@value #SILENCE_MS} ms: then the leg latches to it (a phone
 *       behind NAT sends from another port than its SDP says). Without {@code latchAnySource} such a source
 *       must still have the SDP's IP address.
 * </ol>
 * Every latch is counted ({@link SecurityEvent#RTP_LATCH}) and logged at NOTICE; every refused packet is counted
 * ({@link SecurityEvent#RTP_SOURCE_REFUSED}, and per leg) and logged at most once per
 * {@value #LOG_INTERVAL_SECONDS} s with the number held back.
 *
 * <p>Threads: confined to the owning clock shard. Never allocates, except for a permitted log line.
 */
final class RtpSourceLatch {

    private static final Log LOG = Log.of(Component.RTP);
    /** Consecutive packets a source other than the SDP's must send before the leg follows it. */
    static final int LATCH_RUN = 10;
    /** Largest step between a consistent source's sequence numbers (up to 15 packets lost in between). */
    static final int MAX_SEQ_STEP = 16;
    /** How long the current source must have been silent before another may take its place. */
    static final long SILENCE_MS = 1000;
    static final int LOG_INTERVAL_SECONDS = 5;
    private static final long SILENCE_NANOS = TimeUnit.MILLISECONDS.toNanos(SILENCE_MS);

    private final String sessionUuid;
    private final boolean latchAnySource;
    private final RateLimitedLog refusedLog = new RateLimitedLog(LOG_INTERVAL_SECONDS, TimeUnit.SECONDS);

    /** The SDP's exact RTP address, or null when it gives none (hold by 0.0.0.0 or port 0). */
    private InetSocketAddress sdp;
    private InetAddress sdpHost;
    private InetSocketAddress latched;
    /** When the current source (latched, or the SDP's) was last heard, or the time of the last reset. */
    private long lastHeardNanos;

    private InetSocketAddress candidate;
    private int candidateSsrc;
    private int candidateSeq;
    private int candidateRun;

    private long latches;
    private long refused;

    RtpSourceLatch(String sessionUuid, boolean latchAnySource) {
        this.sessionUuid = sessionUuid;
        this.latchAnySource = latchAnySource;
    }

    /** A new remote description: forget the latched source and expect {@code remote}'s SDP address. */
    void reset(RtpRemote remote, long nowNanos) {
        sdp = remote.hasTarget() ? remote.rtp() : null;
        sdpHost = remote.rtp().getAddress();
        latched = null;
        candidate = null;
        candidateRun = 0;
        lastHeardNanos = nowNanos;
    }

    /** Whether a valid packet from {@code from} with {@code ssrc} and {@code seq} is accepted. */
    boolean accept(InetSocketAddress from, int ssrc, int seq, long nowNanos) {
        if (from.equals(sdp)) {
            if (!from.equals(latched)) {
                latch(from, "sdp_source");
            }
            lastHeardNanos = nowNanos;
            return true;
        }
        if (from.equals(latched)) {
            lastHeardNanos = nowNanos;
            return true;
        }
        if (!latchAnySource && !from.getAddress().equals(sdpHost)) {
            refuse(from, "not_the_sdp_address", nowNanos);
            return false;
        }
        follow(from, ssrc, seq);
        if (candidateRun < LATCH_RUN) {
            refuse(from, "not_yet_consistent", nowNanos);
            return false;
        }
        if (nowNanos - lastHeardNanos < SILENCE_NANOS) {
            refuse(from, latched == null ? "sdp_source_may_still_send" : "latched_source_active", nowNanos);
            return false;
        }
        latch(from, latched == null ? "sdp_source_silent" : "latched_source_silent");
        lastHeardNanos = nowNanos;
        return true;
    }

    private void follow(InetSocketAddress from, int ssrc, int seq) {
        int step = (seq - candidateSeq) & 0xFFFF;
        if (from.equals(candidate) && ssrc == candidateSsrc && step <= MAX_SEQ_STEP) {
            if (step == 0) {
                return;   // a duplicate
            }
            candidateRun++;
        } else {
            candidate = from;
            candidateSsrc = ssrc;
            candidateRun = 1;
        }
        candidateSeq = seq;
    }

    private void latch(InetSocketAddress to, String reason) {
        InetSocketAddress previous = latched;
        latched = to;
        candidate = null;
        candidateRun = 0;
        latches++;
        SecurityEvent.RTP_LATCH.count();
        LOG.notice(sessionUuid, "latch", "done", "source", to, "sdp", sdp, "previous", previous, "reason", reason);
    }

    private void refuse(InetSocketAddress from, String reason, long nowNanos) {
        refused++;
        SecurityEvent.RTP_SOURCE_REFUSED.count();
        long suppressed = refusedLog.tryAcquire(nowNanos);
        if (suppressed >= 0) {
            LOG.warn(sessionUuid, "rtp_source", "refused", "source", from, "reason", reason, "latched", latched, "sdp", sdp,
                    "suppressed", suppressed);
        }
    }

    /** Where the remote's RTP comes from once latched, else {@code null}. */
    InetSocketAddress latched() {
        return latched;
    }

    long latches() {
        return latches;
    }

    long refused() {
        return refused;
    }
}
