package org.audiostream.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The settings in force, each with its value and where it came from. Built by {@link ConfigLoader};
 * a call's own view is {@link #overlay overlaid} on the service's with the call's variables.
 *
 * <p>Threads: immutable; share freely.
 */
public final class EffectiveConfig {

    /** A value in force and its provenance. {@code value} is null for an unset optional setting. */
    public record Resolved(Object value, ConfigSource source, String origin) {}

    private final Schema schema;
    private final Map<Setting, Resolved> values;

    EffectiveConfig(Schema schema, Map<Setting, Resolved> values) {
        this.schema = schema;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Schema schema() {
        return schema;
    }

    public Resolved resolved(Setting setting) {
        Resolved r = values.get(setting);
        if (r == null) {
            throw new IllegalArgumentException(setting.name() + " is not in this configuration's schema");
        }
        return r;
    }

    public Optional<Object> value(Setting setting) {
        return Optional.ofNullable(resolved(setting).value());
    }

    public <T> T get(Setting setting, Class<T> type) {
        Object v = resolved(setting).value();
        if (v == null) {
            throw new IllegalStateException(setting.name() + " is not set");
        }
        return type.cast(v);
    }

    public int intValue(Setting setting) {
        return get(setting, Integer.class);
    }

    public double decimal(Setting setting) {
        return get(setting, Double.class);
    }

    public boolean flag(Setting setting) {
        return get(setting, Boolean.class);
    }

    public String text(Setting setting) {
        return get(setting, String.class);
    }

    public Optional<Secret> secret(Setting setting) {
        return value(setting).map(Secret.class::cast);
    }

    /**
     * This configuration with a call's variables on top ({@link ConfigSource#OVERRIDE}): SIP headers
     * {@code X-AUDIO_STREAM_*} (prefix already stripped), routing-rule variables, API arguments.
     * Service-wide settings and unknown names are ignored with a warning; the call's codec rate
     * bounds the LPF cutoff.
     */
    public Resolution overlay(Map<String, String> variables, String origin, int codecRate) {
        return ConfigLoader.overlay(this, variables, origin, codecRate);
    }

    /** This configuration with {@code setting} unset (back to its default), e.g. headers withheld from a target. */
    public EffectiveConfig without(Setting setting, String why) {
        Map<Setting, Resolved> copy = new LinkedHashMap<>(values);
        copy.put(setting, new Resolved(setting.defaultValue(), ConfigSource.DEFAULT, why));
        return new EffectiveConfig(schema, copy);
    }

    Map<Setting, Resolved> values() {
        return values;
    }
}
