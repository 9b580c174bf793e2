package org.audiostream.fakes.realtime;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The expected shape of one JSON value in a client event, checked the way the live service checks: an unknown
 * key is {@code unknown_parameter}, a missing required key {@code missing_required_parameter}, a wrong JSON
 * kind {@code invalid_type}, an out-of-set string {@code invalid_value}, a number out of range
 * {@code integer_below_min_value} and its siblings. Every failure throws a {@link ProtocolError} whose param is
 * the dotted path ({@code session.audio.input.format.rate}, {@code item.content[0].type}).
 *
 * <p>Threads: shapes are immutable and shared.
 */
@FunctionalInterface
interface Shape {

    /** @throws ProtocolError if {@code value} (at {@code path}) does not fit */
    void check(JsonNode value, String path);

    static Shape string() {
        return (v, path) -> {
            if (!v.isString()) {
                throw ProtocolError.invalidType(path, "a string", kind(v));
            }
        };
    }

    static Shape bool() {
        return (v, path) -> {
            if (!v.isBoolean()) {
                throw ProtocolError.invalidType(path, "a boolean", kind(v));
            }
        };
    }

    static Shape integer(long min, long max) {
        return (v, path) -> {
            if (!v.isIntegralNumber()) {
                throw ProtocolError.invalidType(path, "an integer", kind(v));
            }
            long n = v.asLong();
            if (n < min) {
                throw ProtocolError.belowMin(path, true, min, n);
            }
            if (n > max) {
                throw ProtocolError.aboveMax(path, true, max, n);
            }
        };
    }

    static Shape number(double min, double max) {
        return (v, path) -> {
            if (!v.isNumber()) {
                throw ProtocolError.invalidType(path, "a number", kind(v));
            }
            double n = v.asDouble();
            if (n < min) {
                throw ProtocolError.belowMin(path, false, min, n);
            }
            if (n > max) {
                throw ProtocolError.aboveMax(path, false, max, n);
            }
        };
    }

    /** A string from a fixed set. */
    static Shape oneOf(String... values) {
        List<String> allowed = List.of(values);
        return (v, path) -> {
            string().check(v, path);
            if (!allowed.contains(v.asString())) {
                throw ProtocolError.invalidValue(path, v.asString(), allowed);
            }
        };
    }

    static Shape arrayOf(Shape element) {
        return (v, path) -> {
            if (!v.isArray()) {
                throw ProtocolError.invalidType(path, "an array", kind(v));
            }
            for (int i = 0; i < v.size(); i++) {
                element.check(v.get(i), path + "[" + i + "]");
            }
        };
    }

    /** JSON null, or a value of {@code shape}. */
    static Shape nullable(Shape shape) {
        return (v, path) -> {
            if (!v.isNull()) {
                shape.check(v, path);
            }
        };
    }

    /** Any JSON value (free-form fields such as a tool's {@code parameters} schema or {@code metadata}). */
    static Shape anything() {
        return (v, path) -> { };
    }

    static Shape anyObject() {
        return (v, path) -> {
            if (!v.isObject()) {
                throw ProtocolError.invalidType(path, "an object", kind(v));
            }
        };
    }

    /** A string of {@code ifString}, or an object of {@code ifObject} ({@code max_output_tokens}, {@code voice}, …). */
    static Shape stringOr(Shape ifString, Shape ifObject) {
        return (v, path) -> (v.isString() ? ifString : ifObject).check(v, path);
    }

    /** An integer of {@code ifInteger}, or a string of {@code ifString} ({@code max_output_tokens}: 1..4096 or "inf"). */
    static Shape integerOr(Shape ifInteger, Shape ifString) {
        return (v, path) -> (v.isString() ? ifString : ifInteger).check(v, path);
    }

    /** An object whose {@code type} key picks its shape; each variant lists {@code type} among its own fields. */
    static Shape tagged(Map<String, ObjectShape> variants) {
        List<String> names = List.copyOf(variants.keySet());
        return (v, path) -> {
            anyObject().check(v, path);
            JsonNode type = v.get("type");
            if (type == null || type.isNull()) {
                throw ProtocolError.missingRequired(path + ".type");
            }
            string().check(type, path + ".type");
            ObjectShape variant = variants.get(type.asString());
            if (variant == null) {
                throw ProtocolError.invalidValue(path + ".type", type.asString(), names);
            }
            variant.check(v, path);
        };
    }

    static ObjectShape object() {
        return new ObjectShape(new LinkedHashMap<>(), Set.of());
    }

    /** A JSON object with a closed set of keys; build it with {@link #field} and {@link #required}. */
    final class ObjectShape implements Shape {
        private final Map<String, Shape> fields;
        private final Set<String> required;

        private ObjectShape(Map<String, Shape> fields, Set<String> required) {
            this.fields = fields;
            this.required = required;
        }

        ObjectShape field(String name, Shape shape) {
            Map<String, Shape> more = new LinkedHashMap<>(fields);
            more.put(name, shape);
            return new ObjectShape(more, required);
        }

        ObjectShape required(String name, Shape shape) {
            List<String> names = new ArrayList<>(required);
            names.add(name);
            return new ObjectShape(field(name, shape).fields, Set.copyOf(names));
        }

        @Override
        public void check(JsonNode v, String path) {
            anyObject().check(v, path);
            for (Iterator<String> names = v.propertyNames().iterator(); names.hasNext(); ) {
                String name = names.next();
                Shape shape = fields.get(name);
                String at = path.isEmpty() ? name : path + "." + name;
                if (shape == null) {
                    throw ProtocolError.unknownParameter(at);
                }
                shape.check(v.get(name), at);
            }
            for (String name : required) {
                JsonNode value = v.get(name);
                if (value == null || value.isNull()) {
                    throw ProtocolError.missingRequired(path.isEmpty() ? name : path + "." + name);
                }
            }
        }
    }

    private static String kind(JsonNode v) {
        if (v.isString()) {
            return "a string";
        }
        if (v.isIntegralNumber()) {
            return "an integer";
        }
        if (v.isNumber()) {
            return "a decimal";
        }
        if (v.isBoolean()) {
            return "a boolean";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isObject()) {
            return "an object";
        }
        return "null";
    }
}
