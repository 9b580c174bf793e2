package org.audiostream.observe;

/** Output format of the log: the seed's human line, or one JSON object per line. */
public enum LogFormat {
    TEXT,
    JSON
}
