package org.audiostream.call.sip;

/**
 * Why the session layer cannot take a new call now; INVITE and OPTIONS are answered 503 with
 * Retry-After meanwhile. Threads: immutable.
 *
 * @param overload true when the media clock is overloaded, false when media resources (RTP ports) are
 *     exhausted: the {@code reason} label of {@code audiostream_admission_rejections_total}
 * @param detail for the Warning header and the log, e.g. {@code "no media resources free"}
 */
public record CallRefusal(boolean overload, String detail) {
}
