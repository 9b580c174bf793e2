package org.audiostream.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.audiostream.observe.Redactor;

/**
 * Resolves the effective configuration from its sources, lowest precedence first: built-in
 * defaults, the YAML file, environment variables, overrides. Every given value is parsed (a text
 * that does not parse is an ERROR naming the variable and the expected type); the value that wins
 * is then checked against its limits, and an out-of-range one is replaced with exactly one WARNING
 * naming variable, given value, range and replacement (seed §7).
 *
 * <p>Threads: stateless; call from any thread.
 */
public final class ConfigLoader {

    /** The launcher's own variable (extra JVM flags), not a setting. */
    public static final String LAUNCHER_VARIABLE = "AUDIO_STREAM_JAVA_OPTS";

    private static final String PRIMARY_PREFIX = "AUDIO_STREAM_";

    private ConfigLoader() {}

    /**
     * @param file           YAML config file, or null for none
     * @param env            the environment ({@code System.getenv()})
     * @param overrides      NAME=VALUE pairs with the highest precedence (e.g. {@code config check} arguments);
     *                       an unknown name there is an error
     * @param overrideOrigin how to name those overrides in provenance ("command line")
     */
    public static Resolution load(Schema schema, Path file, Map<String, String> env, Map<String, String> overrides,
                                  String overrideOrigin) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<Setting, EffectiveConfig.Resolved> values = defaults(schema);
        Map<Setting, RawValue> winners = new LinkedHashMap<>();

        if (file != null) {
            apply(YamlConfigFile.read(schema, file, problems), values, winners, problems);
        }
        apply(fromEnvironment(schema, env, problems), values, winners, problems);
        apply(fromOverrides(schema, overrides, ConfigSource.OVERRIDE, "override " + overrideOrigin, true, false, problems),
                values, winners, problems);

        clampToLimits(winners, values, problems);
        CrossChecks.clampLpfCutoff(values, CrossChecks.DEFAULT_CODEC_RATE, problems);
        CrossChecks.checkService(values, problems);
        registerSecrets(values);
        return new Resolution(new EffectiveConfig(schema, values), problems);
    }

    static Resolution overlay(EffectiveConfig base, Map<String, String> variables, String origin, int codecRate) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<Setting, EffectiveConfig.Resolved> values = new LinkedHashMap<>(base.values());
        Map<Setting, RawValue> winners = new LinkedHashMap<>();
        apply(fromOverrides(base.schema(), variables, ConfigSource.OVERRIDE, "override " + origin, false, true, problems),
                values, winners, problems);
        clampToLimits(winners, values, problems);
        CrossChecks.clampLpfCutoff(values, codecRate, problems);
        return new Resolution(new EffectiveConfig(base.schema(), values), problems);
    }

    /**
     * The service's secret values go to the log redactor. A call's own values (overlay) do not: a caller
     * must not be able to grow the redactor's list; they are masked by type ({@link Secret#toString()}).
     */
    private static void registerSecrets(Map<Setting, EffectiveConfig.Resolved> values) {
        values.forEach((s, r) -> {
            if (s.secret() && r.value() != null) {
                s.type().secretParts(r.value()).forEach(Redactor::registerSecret);
            }
        });
    }

    private static Map<Setting, EffectiveConfig.Resolved> defaults(Schema schema) {
        Map<Setting, EffectiveConfig.Resolved> values = new LinkedHashMap<>();
        for (Setting s : schema.settings()) {
            values.put(s, new EffectiveConfig.Resolved(s.defaultValue(), ConfigSource.DEFAULT, "default"));
        }
        return values;
    }

    private static List<RawValue> fromEnvironment(Schema schema, Map<String, String> env, List<ConfigProblem> problems) {
        List<RawValue> raw = new ArrayList<>();
        env.forEach((name, text) -> {
            var setting = schema.byName(name);
            if (setting.isPresent()) {
                raw.add(new RawValue(setting.get(), name, text, ConfigSource.ENV, "env " + name));
            } else if (name.startsWith(PRIMARY_PREFIX) && !name.equals(LAUNCHER_VARIABLE)) {
                problems.add(ConfigProblem.warning(name, "unknown variable " + name + " in the environment; ignored (typo?)"));
            }
        });
        return raw;
    }

    private static List<RawValue> fromOverrides(Schema schema, Map<String, String> overrides, ConfigSource source,
                                                String origin, boolean unknownIsError, boolean callScopeOnly,
                                                List<ConfigProblem> problems) {
        List<RawValue> raw = new ArrayList<>();
        overrides.forEach((name, text) -> {
            var setting = schema.byName(name);
            if (setting.isEmpty()) {
                String msg = "unknown variable " + name + " (" + origin + ")";
                problems.add(unknownIsError ? ConfigProblem.error(name, msg) : ConfigProblem.warning(name, msg + "; ignored"));
            } else if (callScopeOnly && setting.get().scope() == Scope.SERVICE) {
                problems.add(ConfigProblem.warning(name, setting.get().name() + " applies to the whole service and cannot be set per call ("
                        + origin + "); ignored"));
            } else {
                raw.add(new RawValue(setting.get(), name, text, source, origin));
            }
        });
        return raw;
    }

    /** One source's values: parse each, and let them replace what lower sources set. */
    private static void apply(List<RawValue> layer, Map<Setting, EffectiveConfig.Resolved> values,
                              Map<Setting, RawValue> winners, List<ConfigProblem> problems) {
        Map<Setting, RawValue> chosen = new LinkedHashMap<>();
        for (RawValue raw : layer) {
            RawValue other = chosen.get(raw.setting());
            if (other == null) {
                chosen.put(raw.setting(), raw);
                continue;
            }
            RawValue primary = isPrimary(raw) ? raw : other;
            RawValue alias = primary == raw ? other : raw;
            problems.add(ConfigProblem.warning(raw.setting().name(), String.format("%s and %s are both set (%s); using %s",
                    primary.givenName(), alias.givenName(), raw.source().label(), primary.givenName())));
            chosen.put(raw.setting(), primary);
        }
        for (RawValue raw : chosen.values()) {
            Object parsed = parse(raw, problems);
            if (parsed != null) {
                values.put(raw.setting(), new EffectiveConfig.Resolved(parsed, raw.source(), raw.origin()));
                winners.put(raw.setting(), raw);
            }
        }
    }

    private static boolean isPrimary(RawValue raw) {
        return raw.givenName().equalsIgnoreCase(raw.setting().name());
    }

    private static Object parse(RawValue raw, List<ConfigProblem> problems) {
        Setting s = raw.setting();
        String text = raw.text();
        try {
            var alias = isPrimary(raw) ? null : s.aliases().stream()
                    .filter(a -> a.name().equalsIgnoreCase(raw.givenName())).findFirst().orElse(null);
            if (alias != null && alias.translates()) {
                text = alias.translate().apply(text);
            }
            return s.type().parse(text);
        } catch (RuntimeException e) {
            String reason = e instanceof NumberFormatException || e.getMessage() == null ? "" : ": " + e.getMessage();
            problems.add(ConfigProblem.error(s.name(), String.format("%s is not %s%s (%s)",
                    raw.describe(), s.type().expected(), reason, raw.origin())));
            return null;
        }
    }

    private static void clampToLimits(Map<Setting, RawValue> winners, Map<Setting, EffectiveConfig.Resolved> values,
                                      List<ConfigProblem> problems) {
        winners.forEach((s, raw) -> {
            EffectiveConfig.Resolved r = values.get(s);
            if (s.limits().accepts(r.value())) {
                return;
            }
            Object replacement = s.limits().replacement();
            problems.add(ConfigProblem.warning(s.name(), String.format("%s is out of range %s%s; using %s (%s)",
                    raw.describe(), s.limits().describe(), s.unitSuffix(), s.display(replacement), raw.origin())));
            values.put(s, new EffectiveConfig.Resolved(replacement, r.source(), r.origin()));
        });
    }
}
