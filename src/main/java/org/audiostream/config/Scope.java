package org.audiostream.config;

/** Where a setting may differ. */
public enum Scope {
    /** One value for the whole process (binds, ports, limits): defaults, file, environment. */
    SERVICE,
    /** May also be overridden per call: SIP headers {@code X-AUDIO_STREAM_…}, routing rules, API arguments. */
    CALL
}
