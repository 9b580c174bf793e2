package org.audiostream.observe;

/** The seed's level policy (§1.3), most severe first; a level keeps itself and everything above it. */
public enum LogLevel {
    ERROR,
    WARN,
    NOTICE,
    INFO,
    DEBUG
}
