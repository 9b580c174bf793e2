package org.audiostream.config;

/** Where an effective value came from, lowest precedence first. */
public enum ConfigSource {
    DEFAULT("default"),
    FILE("file"),
    ENV("env"),
    /** Per-call overrides (SIP headers, routing rules, API arguments) and {@code config check NAME=VALUE}. */
    OVERRIDE("override");

    private final String label;

    ConfigSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
