package org.audiostream.session;

/** What a session streams to; {@code NONE} while parked. The names are the health JSON's {@code mode}. */
public enum StreamMode {
    NONE("none"),
    WS("ws"),
    AI("ai");

    private final String label;

    StreamMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
