package org.audiostream.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The config file's {@code routing:} section: what each call does on answer.
 *
 * <pre>
 * routing:
 *   - name: bots
 *     match: { user: "^bot" }                       # regex on the request-URI user
 *     action: ws
 *     start: "ws://10.0.0.5:9000/stream mixed 16k {\"app\":\"bot\"}"
 *     variables: { AUDIO_STREAM_INJECT_BUFFER_MS: 3000 }
 *   - match: { user: "^agent" }
 *     action: ai                                    # an OpenAI Realtime agent (start_ai)
 *     variables: { AUDIO_STREAM_AI_VOICE: cedar }
 *   - name: twilio-bots
 *     match: { user: "^agent" }
 *     action: ws
 *     protocol: twilio                              # AUDIO_STREAM_PROTOCOL for the calls it matches
 *     start: "ws://10.0.0.6:8080/media stereo
 *   - match: { header: X-Tenant, value: "^acme$" }
 *     action: park                                  # wait for an API start
 * </pre>
 *
 * A call's own {@code X-AUDIO_STREAM_START} or {@code X-AUDIO_STREAM_START_AI} header overrides the rules. Each problem is an error
 * naming the rule. {@code start} arguments are checked by the caller-supplied validator (the API
 * grammar), so a rule that the API would refuse never loads.
 *
 * <p>Threads: immutable.
 */
public final class RoutingRules {

    public static final RoutingRules NONE = new RoutingRules(List.of());
    static final String SECTION = "routing";
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final List<RoutingRule> rules;

    RoutingRules(List<RoutingRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<RoutingRule> rules() {
        return rules;
    }

    public Optional<RoutingRule> match(String requestUser, Function<String, String> headerLookup) {
        return rules.stream().filter(r -> r.matches(requestUser, headerLookup)).findFirst();
    }

    /**
     * @param startValidator returns null if {@code start} arguments are valid, else the reason
     */
    public static RoutingRules load(Path file, Function<String, String> startValidator, List<ConfigProblem> problems) {
        if (file == null) {
            return NONE;
        }
        JsonNode section;
        try {
            section = YAML.readTree(Files.readString(file)).path(SECTION);
        } catch (IOException | JacksonException e) {
            return NONE;   // ConfigLoader reports unreadable and invalid files
        }
        if (section.isMissingNode() || section.isNull()) {
            return NONE;
        }
        if (!section.isArray()) {
            problems.add(ConfigProblem.error(SECTION, "routing in " + file + " must be a list of rules"));
            return NONE;
        }
        List<RoutingRule> rules = new ArrayList<>();
        for (int i = 0; i < section.size(); i++) {
            RoutingRule rule = parse(section.get(i), "rule " + (i + 1), startValidator, problems);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return new RoutingRules(rules);
    }

    private static RoutingRule parse(JsonNode node, String fallbackName, Function<String, String> startValidator,
                                     List<ConfigProblem> problems) {
        String name = node.path("name").asString(fallbackName);
        int before = problems.size();
        JsonNode match = node.path("match");
        Pattern user = pattern(match.path("user"), name, "match.user", problems);
        String header = match.path("header").isMissingNode() ? null : match.path("header").asString();
        Pattern value = pattern(match.path("value"), name, "match.value", problems);
        if (value != null && header == null) {
            problems.add(ConfigProblem.error(SECTION, "routing " + name + ": match.value needs match.header"));
        }
        String actionText = node.path("action").asString("park").toLowerCase(Locale.ROOT);
        RoutingRule.Action action = switch (actionText) {
            case "park" -> RoutingRule.Action.PARK;
            case "ws" -> RoutingRule.Action.WS;
            case "ai" -> RoutingRule.Action.AI;
            default -> {
                problems.add(ConfigProblem.error(SECTION, "routing " + name + ": action=" + actionText + " is not one of [park, ws, ai]"));
                yield null;
            }
        };
        String start = node.path("start").isMissingNode() ? null : node.path("start").asString();
        if (action == RoutingRule.Action.WS) {
            String reason = start == null ? "action=ws needs start: \"<ws-url> <mix> [rate] [metadata]\"" : startValidator.apply(start);
            if (reason != null) {
                problems.add(ConfigProblem.error(SECTION, "routing " + name + ": " + reason));
            }
        }
        Map<String, String> variables = new LinkedHashMap<>();
        node.path("variables").properties().forEach(e -> variables.put(e.getKey(), e.getValue().asString()));
        JsonNode protocol = node.path("protocol");
        if (!protocol.isMissingNode()) {
            try {
                variables.put(StreamSettings.PROTOCOL.name(), (String) StreamSettings.PROTOCOL.type().parse(protocol.asString()));
            } catch (IllegalArgumentException e) {
                problems.add(ConfigProblem.error(SECTION, "routing " + name + ": protocol=" + protocol.asString()
                        + " is not " + StreamSettings.PROTOCOL.type().expected()));
            }
        }
        return problems.size() > before ? null : new RoutingRule(name, user, header, value, action, start, variables);
    }

    private static Pattern pattern(JsonNode node, String rule, String field, List<ConfigProblem> problems) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        try {
            return Pattern.compile(node.asString());
        } catch (PatternSyntaxException e) {
            problems.add(ConfigProblem.error(SECTION, "routing " + rule + ": " + field + " is not a valid regex: "
                    + e.getDescription()));
            return null;
        }
    }
}
