package org.audiostream.call.rtp;

/**
 * Events of one RTP leg for the session: DTMF digits and the RTP inactivity timeout.
 *
 * <p>Threads: called on the leg's owning clock shard, from {@code readCallerFrame}; implementations
 * must not block (enqueue and return).
 */
public interface RtpLegListener extends DtmfListener {

    /**
     * No valid RTP arrived for {@code rtp.timeoutMs} while the remote was {@code sendrecv}; reported
     * once per leg. The session normally hangs up.
     */
    void onRtpTimeout();
}
