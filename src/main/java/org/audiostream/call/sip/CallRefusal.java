package org.audiostream.call.sip;

import java.util.Locale;

/**
 * Why a new call cannot be taken now; INVITE and OPTIONS are answered 503 with Retry-After meanwhile.
 * Threads: immutable.
 *
 * @param reason the {@code reason} label of {@code audiostream_admission_rejections_total}
 * @param detail for the Warning header and the log, e.g. {@code "no media resources free"}
 */
public record CallRefusal(Reason reason, String detail) {

    /** Why admission refused a new call. */
    public enum Reason {
        /** The UAS is draining (shutdown). */
        DRAINING,
        /** {@code maxSessions} calls are up, or no RTP port pair is free. */
        CAPACITY,
        /** The media clock runs so late that the calls up would lose audio. */
        OVERLOAD;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
