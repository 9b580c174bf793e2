package org.audiostream.call.rtp;

import java.io.IOException;

/**
 * No RTP port pair could be allocated: every pair is leased, or every pair tried failed to bind.
 * The SIP layer answers such a call with 503.
 *
 * <p>Threads: immutable.
 */
public final class PortPoolExhaustedException extends IOException {

    public PortPoolExhaustedException(String message, Throwable cause) {
        super(message, cause);
    }
}
