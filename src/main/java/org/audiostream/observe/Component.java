package org.audiostream.observe;

/**
 * Component tags of the log taxonomy (seed §1.2), plus the ones a standalone gateway adds for the
 * parts FreeSWITCH used to own: {@code SIP}, {@code RTP}, {@code API}, {@code CONFIG}, {@code CLOCK}.
 * The tag is also the last segment of the logger name, so levels can be tuned per component
 * ({@code org.audiostream.log.INJECT}).
 */
public enum Component {
    WS_STREAM,
    AI_ENGINE,
    TTS,
    DSP,
    INJECT,
    CAPTURE,
    LIFECYCLE,
    OPENAI,
    RING_BUF,
    SIP,
    RTP,
    API,
    CONFIG,
    CLOCK;

    /** Prefix of every structured logger's name. */
    public static final String LOGGER_PREFIX = "org.audiostream.log.";

    public String loggerName() {
        return LOGGER_PREFIX + name();
    }
}
