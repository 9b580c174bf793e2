package org.audiostream.config;

/** A finding about the configuration: a clamp (WARNING, the value was replaced) or an ERROR (start refused). */
public record ConfigProblem(Severity severity, String setting, String message) {

    public enum Severity { WARNING, ERROR }

    public static ConfigProblem warning(String setting, String message) {
        return new ConfigProblem(Severity.WARNING, setting, message);
    }

    public static ConfigProblem error(String setting, String message) {
        return new ConfigProblem(Severity.ERROR, setting, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return (isError() ? "ERROR " : "WARN  ") + message;
    }
}
