package org.audiostream.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting the gateway reads, each listed once in {@link ServiceSettings}, {@link StreamSettings}
 * or {@link AiSettings}, with lookup by primary name, alias (case-insensitive, as SIP header names
 * are) or YAML key.
 *
 * <p>Threads: immutable after class initialisation.
 */
public final class Schema {

    public static final Schema ALL = new Schema(collect(ServiceSettings.class, StreamSettings.class, AiSettings.class));

    private final List<Setting> settings;
    private final Map<String, Setting> byName = new HashMap<>();
    private final Map<String, Alias> aliasByName = new HashMap<>();
    private final Map<String, Setting> byKey = new HashMap<>();

    Schema(List<Setting> settings) {
        this.settings = List.copyOf(settings);
        for (Setting s : settings) {
            register(byName, s.name().toUpperCase(Locale.ROOT), s);
            register(byKey, s.key(), s);
            for (Alias a : s.aliases()) {
                register(byName, a.name().toUpperCase(Locale.ROOT), s);
                aliasByName.put(a.name().toUpperCase(Locale.ROOT), a);
            }
        }
    }

    public List<Setting> settings() {
        return settings;
    }

    /** The setting a primary name or alias refers to. */
    public Optional<Setting> byName(String name) {
        return Optional.ofNullable(byName.get(name.toUpperCase(Locale.ROOT)));
    }

    /** The alias record if {@code name} is an alias rather than a primary name. */
    public Optional<Alias> alias(String name) {
        return Optional.ofNullable(aliasByName.get(name.toUpperCase(Locale.ROOT)));
    }

    public Optional<Setting> byKey(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    private static void register(Map<String, Setting> map, String name, Setting s) {
        Setting previous = map.put(name, s);
        if (previous != null) {
            throw new IllegalStateException("schema lists " + name + " twice: " + previous.name() + " and " + s.name());
        }
    }

    private static List<Setting> collect(Class<?>... holders) {
        List<Setting> out = new ArrayList<>();
        for (Class<?> holder : holders) {
            for (Field f : holder.getDeclaredFields()) {
                if (f.getType() == Setting.class && Modifier.isStatic(f.getModifiers()) && Modifier.isPublic(f.getModifiers())) {
                    try {
                        out.add((Setting) f.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return Collections.unmodifiableList(out);
    }
}
