package org.audiostream.fakes.realtime;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A refused client event, as the service words it: {@code error.type}, {@code code}, {@code message},
 * {@code param}. The session answers it with one {@code error} event and goes on (no close). The factory
 * methods give the service's messages for the codes the fake produces.
 */
final class ProtocolError extends RuntimeException {

    static final String INVALID_REQUEST = "invalid_request_error";

    private final String type;
    private final String code;
    private final String param;

    ProtocolError(String code, String message, String param) {
        this(INVALID_REQUEST, code, message, param);
    }

    ProtocolError(String type, String code, String message, String param) {
        super(message, null, false, false);
        this.type = type;
        this.code = code;
        this.param = param;
    }

    String type() {
        return type;
    }

    String code() {
        return code;
    }

    String param() {
        return param;
    }

    static ProtocolError unknownParameter(String path) {
        return new ProtocolError("unknown_parameter", "Unknown parameter: '" + path + "'.", path);
    }

    static ProtocolError missingRequired(String path) {
        return new ProtocolError("missing_required_parameter", "Missing required parameter: '" + path + "'.", path);
    }

    static ProtocolError invalidType(String path, String expected, String actual) {
        return new ProtocolError("invalid_type", "Invalid type for '" + path + "': expected " + expected
                + ", but got " + actual + " instead.", path);
    }

    /** "Invalid value: 'x'. Supported values are: 'a', 'b', and 'c'." */
    static ProtocolError invalidValue(String path, String value, List<String> supported) {
        return new ProtocolError("invalid_value", "Invalid value: '" + value + "'. Supported values are: "
                + quotedList(supported) + ".", path);
    }

    static ProtocolError belowMin(String path, boolean integer, Number min, Number value) {
        return bound(path, integer, "below minimum", ">=", min, value);
    }

    static ProtocolError aboveMax(String path, boolean integer, Number max, Number value) {
        return bound(path, integer, "above maximum", "<=", max, value);
    }

    private static ProtocolError bound(String path, boolean integer, String what, String relation, Number limit,
            Number value) {
        String kind = integer ? "integer" : "decimal";
        String code = kind + "_" + what.replace(' ', '_').replace("minimum", "min").replace("maximum", "max") + "_value";
        return new ProtocolError(code, "Invalid '" + path + "': " + kind + " " + what + " value. Expected a value "
                + relation + " " + limit + ", but got " + value + " instead.", path);
    }

    /** 'a', 'b', and 'c' (the service's Oxford-comma list). */
    static String quotedList(List<String> values) {
        List<String> quoted = values.stream().map(v -> "'" + v + "'").toList();
        if (quoted.size() <= 2) {
            return String.join(" and ", quoted);
        }
        return quoted.subList(0, quoted.size() - 1).stream().collect(Collectors.joining(", "))
                + ", and " + quoted.getLast();
    }
}
