package org.audiostream.observe;

import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the gateway refused or defended against, counted process-wide and exported as
 * {@code audiostream_security_events_total{event="<name>"}}. Each place that refuses something counts it here
 * and writes its own rate-limited log line with the details.
 *
 * <p>Threads: counting is lock-free and allocation-free, safe from media threads.
 */
public enum SecurityEvent {

    /** An INVITE from a source outside {@code sip.trusted_sources} carried per-call control headers; ignored. */
    UNTRUSTED_SIGNALLING,
    /** A start named a target outside {@code stream.allowed_targets}; refused. */
    TARGET_NOT_ALLOWED,
    /** The service's extra headers were withheld from a target not in {@code stream.extra_headers_targets}. */
    EXTRA_HEADERS_WITHHELD,
    /** An RTP packet from a source the leg did not accept (wrong address, or the expected source is active). */
    RTP_SOURCE_REFUSED,
    /** An RTP leg latched onto a source (the SDP's, or a consistent other one while the SDP's stayed silent). */
    RTP_LATCH,
    /** An untrusted source sent INVITEs faster than {@code sip.invite_rate}; answered 503. */
    SIP_INVITE_RATE_LIMITED,
    /** A SIP TCP connection over the total or per-source limit; closed at once. */
    SIP_CONNECTION_REFUSED,
    /** A SIP TCP message not complete in time (slow sender); connection closed. */
    SIP_MESSAGE_TIMEOUT,
    /** An admin HTTP connection over the total or per-source limit; closed at once. */
    HTTP_CONNECTION_REFUSED,
    /** An admin HTTP request not complete in time, or a connection idle too long; closed. */
    HTTP_TIMEOUT,
    /** An event stream subscriber refused (too many) or disconnected because it fell behind. */
    EVENT_SUBSCRIBER_REFUSED;

    private final LongAdder count = new LongAdder();

    public void count() {
        count.increment();
    }

    /** Total since the process started. */
    public long total() {
        return count.sum();
    }

    /** The metric label: {@code untrusted_signalling}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
