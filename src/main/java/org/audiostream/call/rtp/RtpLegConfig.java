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
 * @param latchAnySource latch to the first valid packet from any address (NAT-ed phones that send
 *     from elsewhere than their SDP says); otherwise only from the SDP's IP address
 * @param relatchOnSsrcChange after latching, follow a new source that sends a new SSRC
 * @param rtpTimeoutMs report an RTP timeout after this long without valid RTP; 0 turns it off
 * @param rtcpIntervalMs mean RTCP report interval, randomised by ±50 % (RFC 3550 §6.3.1)
 * @param dtmfEndTimeoutMs report a DTMF event whose end packets were lost after this much silence
 */
public record RtpLegConfig(InetAddress bindAddress, JitterBufferConfig jitter, boolean latchAnySource,
                           boolean relatchOnSsrcChange, long rtpTimeoutMs, long rtcpIntervalMs, long dtmfEndTimeoutMs) {

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
        return new RtpLegConfig(bindAddress, JitterBufferConfig.DEFAULT, false, false, DEFAULT_RTP_TIMEOUT_MS,
                DEFAULT_RTCP_INTERVAL_MS, TelephoneEventReceiver.DEFAULT_END_TIMEOUT_NANOS / 1_000_000);
    }
}
