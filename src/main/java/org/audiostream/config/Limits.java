package org.audiostream.config;

import java.util.List;

/**
 * Valid values of a numeric setting and what replaces a value outside them (seed §7: an
 * out-of-range value is not an error; it is replaced, with one WARN).
 */
public sealed interface Limits {

    Limits NONE = new None();

    /** True if {@code value} is acceptable as given. */
    boolean accepts(Object value);

    /** The value used instead of an unacceptable one. */
    Object replacement();

    /** The acceptable values, for the WARN line: "[100, 30000]" or "one of [8000, 16000]". */
    String describe();

    record None() implements Limits {
        @Override
        public boolean accepts(Object value) {
            return true;
        }

        @Override
        public Object replacement() {
            throw new IllegalStateException("no replacement without limits");
        }

        @Override
        public String describe() {
            return "any";
        }
    }

    /** Inclusive {@code [min, max]} for integers and decimals. */
    record Range(double min, double max, Object replacement) implements Limits {
        @Override
        public boolean accepts(Object value) {
            double v = ((Number) value).doubleValue();
            return v >= min && v <= max;
        }

        @Override
        public String describe() {
            return "[" + trim(min) + ", " + trim(max) + "]";
        }
    }

    /** One of a fixed set of integers (sample rates). */
    record OneOf(List<Integer> values, Object replacement) implements Limits {
        @Override
        public boolean accepts(Object value) {
            return values.contains(value);
        }

        @Override
        public String describe() {
            return "one of " + values;
        }
    }

    private static String trim(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
