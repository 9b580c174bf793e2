package org.audiostream.config;

import java.util.List;

/** The outcome of resolving a configuration: the effective values and everything found on the way. */
public record Resolution(EffectiveConfig config, List<ConfigProblem> problems) {

    public Resolution {
        problems = List.copyOf(problems);
    }

    public List<ConfigProblem> errors() {
        return problems.stream().filter(ConfigProblem::isError).toList();
    }

    public List<ConfigProblem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(ConfigProblem::isError);
    }

    /** The config, or a {@link ConfigException} naming every error. */
    public EffectiveConfig orThrow() {
        if (hasErrors()) {
            throw new ConfigException(errors());
        }
        return config;
    }
}
