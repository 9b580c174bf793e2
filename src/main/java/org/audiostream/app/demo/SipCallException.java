package org.audiostream.app.demo;

import java.io.IOException;

/**
 * The demo caller's call did not get through or did not end cleanly: a final response of 300 or
 * more, no response before the transaction timeout, or an SDP answer it cannot use. The message
 * names the request, the status or limit and the gateway.
 * Threads: immutable.
 */
public final class SipCallException extends IOException {

    private final int status;

    SipCallException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The final response status, or 0 when there was none (timeout, bad answer). */
    public int status() {
        return status;
    }
}
