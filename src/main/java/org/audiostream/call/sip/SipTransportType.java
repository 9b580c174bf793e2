package org.audiostream.call.sip;

/**
 * Transport a message came in on or goes out on. UDP is unreliable (retransmission timers run,
 * RFC 3261 §17), TCP is reliable and stream-framed by Content-Length (§18.3).
 * Threads: immutable; any thread.
 */
public enum SipTransportType {
    UDP,
    TCP;

    public boolean reliable() {
        return this == TCP;
    }
}
