package org.audiostream.observe;

/** Names of the key/value pairs a {@link Log} line carries besides its own fields. */
final class LogFields {
    static final String SESSION_UUID = "session_uuid";
    static final String COMPONENT = "component";
    static final String OPERATION = "operation";
    static final String OUTCOME = "outcome";

    /** Placeholder shown where a line belongs to no session. */
    static final String NO_SESSION = "-";

    static boolean isReserved(String key) {
        return key.equals(SESSION_UUID) || key.equals(COMPONENT) || key.equals(OPERATION) || key.equals(OUTCOME);
    }

    private LogFields() {}
}
