package org.audiostream.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the YAML config file into raw values. Sections nest by key ({@code sip: {bind: …}} is
 * {@code sip.bind}); a variable name or alias may also appear as a top-level key
 * ({@code AUDIO_STREAM_INJECT_BUFFER_MS: 3000}). An unknown key is an error, so a typo never
 * silently leaves a default in force.
 *
 * <pre>
 * sip:
 *   bind: 0.0.0.0:5060
 * rtp:
 *   ports: 30000-31999
 * stream:
 *   inject_buffer_ms: 3000
 * AUDIO_STREAM_RECONNECT_MAX: 5
 * </pre>
 */
final class YamlConfigFile {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private YamlConfigFile() {}

    static List<RawValue> read(Schema schema, Path file, List<ConfigProblem> problems) {
        List<RawValue> raw = new ArrayList<>();
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            problems.add(ConfigProblem.error("--config", "cannot read config file " + file + ": " + e));
            return raw;
        } catch (JacksonException e) {
            problems.add(ConfigProblem.error("--config", "config file " + file + " is not valid YAML: " + e.getOriginalMessage()));
            return raw;
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return raw;
        }
        if (!root.isObject()) {
            problems.add(ConfigProblem.error("--config", "config file " + file + " must be a mapping of settings"));
            return raw;
        }
        collect(schema, file, "", root, raw, problems);
        return raw;
    }

    private static void collect(Schema schema, Path file, String prefix, JsonNode node, List<RawValue> raw,
                                List<ConfigProblem> problems) {
        for (var entry : node.properties()) {
            String key = prefix + entry.getKey();
            JsonNode value = entry.getValue();
            if (key.equals(RoutingRules.SECTION)) {
                continue;   // read by RoutingRules
            }
            var setting = schema.byKey(key).or(() -> prefix.isEmpty() ? schema.byName(entry.getKey()) : java.util.Optional.empty());
            if (setting.isPresent()) {
                if (!value.isValueNode() || value.isNull()) {
                    problems.add(ConfigProblem.error(setting.get().name(), String.format(
                            "%s in %s needs a single value, got %s", key, file, value.isNull() ? "nothing" : value.getNodeType())));
                } else {
                    raw.add(new RawValue(setting.get(), prefix.isEmpty() ? entry.getKey() : setting.get().name(),
                            value.asString(), ConfigSource.FILE, "file " + file + " " + key));
                }
            } else if (value.isObject()) {
                collect(schema, file, key + ".", value, raw, problems);
            } else {
                problems.add(ConfigProblem.error(key, "unknown setting '" + key + "' in " + file));
            }
        }
    }
}
