package org.audiostream.config;

/**
 * A secret setting's value (API keys, tokens). {@link #toString()} never shows it, so printing a
 * config or a record that holds one cannot leak it; call {@link #reveal()} only where the value is
 * put on the wire. Loading one registers it with {@link org.audiostream.observe.Redactor}.
 *
 * <p>Threads: immutable.
 */
public record Secret(String value) {

    public Secret {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a secret cannot be empty");
        }
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "***";
    }
}
