package org.audiostream.config;

/**
 * A value as some source gave it, before parsing: which setting, under which name (primary or
 * alias), the text, and where it came from ({@code env}, {@code file /etc/audio-stream.yaml},
 * {@code override X-AUDIO_STREAM_…}).
 */
record RawValue(Setting setting, String givenName, String text, ConfigSource source, String origin) {

    /** {@code AUDIO_STREAM_INJECT_BUFFER_MS=50}, or {@code STREAM_BUFFER_SIZE=30 (alias of AUDIO_STREAM_RTP_PACKETS)}. */
    String describe() {
        String shown = setting.secret() ? "***" : text;
        String base = givenName + "=" + shown;
        return givenName.equalsIgnoreCase(setting.name()) ? base : base + " (alias of " + setting.name() + ")";
    }
}
