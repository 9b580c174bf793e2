package org.audiostream.call.rtp;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Settings shared by every RTP leg of the process.
 *
 * <p>Threads: immutable.
 *
 * @param bindAddress local address the RTP and RTCP sockets bind to
 * @param jitter jitter buffer settings (also fixes the codec sample rate)
 * @param latchAnySource a source other than the SDP's may be followed from any address (phones behind
 *     NAT whose SDP names a private address); otherwise only from the SDP's IP address. Either way it
 *     must be consistent and the SDP's source silent ({@link RtpSourceLatch})
 * @param rtpTimeoutMs report an RTP timeout after this long without valid RTP; 0 turns it off
 * @param rtcpIntervalMs mean RTCP report interval, randomised by ±50 % (RFC 3550 §6.3.1)
 * @param dtmfEndTimeoutMs report a DTMF event whose end packets were lost after this much silence
 */
public record RtpLegConfig(InetAddress bindAddress, JitterBufferConfig jitter, boolean latchAnySource, long rtpTimeoutMs,
                           long rtcpIntervalMs, long dtmfEndTimeoutMs) {

    public static final long DEFAULT_RTP_TIMEOUT_MS = 30_000;
    public static final long DEFAULT_RTCP_INTERVAL_MS = 5_000;

    public RtpLegConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(jitter, "jitter");
        if (rtpTimeoutMs < 0) {
            throw new IllegalArgumentException("RTP timeout negative: rtpTimeoutMs=" + rtpTimeoutMs + " < 0 (0 turns it off)");
        }
        if (rtcpIntervalMs < 1000) {
            throw new IllegalArgumentException("RTCP interval too short: rtcpIntervalMs=" + rtcpIntervalMs + " < 1000");
        }
        if (dtmfEndTimeoutMs < 100) {
            throw new IllegalArgumentException("DTMF end timeout too short: dtmfEndTimeoutMs=" + dtmfEndTimeoutMs + " < 100");
        }
    }

    /** Defaults: 8 kHz jitter buffer 40 ms (20–200), strict latching, 30 s timeout, RTCP every ~5 s. */
    public static RtpLegConfig defaults(InetAddress bindAddress) {
        return new RtpLegConfig(bindAddress, JitterBufferConfig.DEFAULT, false, DEFAULT_RTP_TIMEOUT_MS,
                DEFAULT_RTCP_INTERVAL_MS, TelephoneEventReceiver.DEFAULT_END_TIMEOUT_NANOS / 1_000_000);
    }
}
