package org.audiostream.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One configuration variable, described once: its primary {@code AUDIO_STREAM_*} name, the YAML key,
 * aliases, type, unit, default, limits with their replacement, whether it is secret, and where it
 * may be set. {@link Schema} lists them all.
 *
 * <p>Threads: immutable.
 */
public record Setting(String name, String key, List<Alias> aliases, ValueType type, String unit,
                      Object defaultValue, Limits limits, boolean secret, Scope scope, String description) {

    public Setting {
        Objects.requireNonNull(name);
        Objects.requireNonNull(key);
        aliases = List.copyOf(aliases);
        if (defaultValue != null && !limits.accepts(defaultValue)) {
            throw new IllegalArgumentException(name + ": default " + defaultValue + " outside " + limits.describe());
        }
    }

    public static Builder named(String name, String key, ValueType type) {
        return new Builder(name, key, type);
    }

    /** Shows a value the way {@code config check} prints it: secrets as {@code ***} (or their shape, masked). */
    public String display(Object value) {
        if (value == null) {
            return "(unset)";
        }
        return secret ? type.masked(value) : type.display(value);
    }

    public String unitSuffix() {
        return unit.isEmpty() ? "" : " " + unit;
    }

    /** Fluent construction, so the schema reads as a table. */
    public static final class Builder {
        private final String name;
        private final String key;
        private final ValueType type;
        private final List<Alias> aliases = new ArrayList<>();
        private String unit = "";
        private Object defaultValue;
        private Limits limits = Limits.NONE;
        private Object replacement;
        private boolean secret;
        private Scope scope = Scope.CALL;

        private Builder(String name, String key, ValueType type) {
            this.name = name;
            this.key = key;
            this.type = type;
            this.secret = type == ValueType.SECRET;
        }

        public Builder alias(String alias) {
            aliases.add(Alias.same(alias));
            return this;
        }

        public Builder alias(String alias, UnaryOperator<String> translate, String note) {
            aliases.add(new Alias(alias, translate, note));
            return this;
        }

        public Builder unit(String unit) {
            this.unit = unit;
            return this;
        }

        public Builder defaultValue(Object value) {
            this.defaultValue = value;
            return this;
        }

        /** Inclusive range; out-of-range values are replaced by the default unless {@link #replacement} says otherwise. */
        public Builder range(double min, double max) {
            this.limits = new Limits.Range(min, max, null);
            return this;
        }

        public Builder oneOf(Integer... values) {
            this.limits = new Limits.OneOf(List.of(values), null);
            return this;
        }

        public Builder replacement(Object value) {
            this.replacement = value;
            return this;
        }

        /** A secret of a type that is not {@link ValueType#SECRET} (e.g. headers that carry tokens). */
        public Builder secret() {
            this.secret = true;
            return this;
        }

        public Builder service() {
            this.scope = Scope.SERVICE;
            return this;
        }

        public Setting describe(String description) {
            Object repl = replacement != null ? replacement : defaultValue;
            Limits l = switch (limits) {
                case Limits.Range r -> new Limits.Range(r.min(), r.max(), repl);
                case Limits.OneOf o -> new Limits.OneOf(o.values(), repl);
                case Limits.None n -> n;
            };
            return new Setting(name, key, aliases, type, unit, defaultValue, l, secret, scope, description);
        }
    }
}
