package org.audiostream.config;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration has errors; the message lists every one of them, one per line. */
public final class ConfigException extends RuntimeException {

    private final List<ConfigProblem> errors;

    public ConfigException(List<ConfigProblem> errors) {
        super("configuration invalid:\n" + errors.stream().map(p -> "  " + p.message()).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<ConfigProblem> errors() {
        return errors;
    }
}
