package org.audiostream.call.rtp;

/**
 * The remote party's media direction from its SDP (RFC 3264 §5.1), seen from the remote: a remote
 * {@code sendonly} or {@code inactive} puts the call on hold.
 *
 * <p>Threads: immutable.
 */
public enum MediaDirection {
    SENDRECV(true, true),
    SENDONLY(true, false),
    RECVONLY(false, true),
    INACTIVE(false, false);

    private final boolean remoteSends;
    private final boolean remoteReceives;

    MediaDirection(boolean remoteSends, boolean remoteReceives) {
        this.remoteSends = remoteSends;
        this.remoteReceives = remoteReceives;
    }

    /** Whether the remote will send us RTP. */
    public boolean remoteSends() {
        return remoteSends;
    }

    /** Whether we may send RTP to the remote. */
    public boolean remoteReceives() {
        return remoteReceives;
    }
}
