package org.audiostream.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingRulesTest {

    @TempDir
    Path dir;

    private final List<ConfigProblem> problems = new ArrayList<>();

    private RoutingRules load(String yaml) throws IOException {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, yaml);
        return RoutingRules.load(f, args -> args.startsWith("ws://") ? null : "url must be ws:// or wss://", problems);
    }

    @Test
    void firstMatchingRuleWinsAndUnmatchedCallsHaveNone() throws IOException {
        RoutingRules rules = load("""
                routing:
                  - name: bots
                    match: { user: "^bot" }
                    action: ws
                    start: "ws://10.0.0.5:9000/ mixed 16k"
                    variables: { AUDIO_STREAM_RTP_PACKETS: 2 }
                  - match: { header: X-Tenant, value: "^acme$" }
                    action: park
                """);
        assertThat(problems).isEmpty();
        Map<String, String> acme = Map.of("X-Tenant", "acme");
        RoutingRule bot = rules.match("bot-7", acme::get).orElseThrow();
        assertThat(bot.name()).isEqualTo("bots");
        assertThat(bot.action()).isEqualTo(RoutingRule.Action.WS);
        assertThat(bot.startArgs()).isEqualTo("ws://10.0.0.5:9000/ mixed 16k");
        assertThat(bot.variables()).containsEntry("AUDIO_STREAM_RTP_PACKETS", "2");
        assertThat(rules.match("alice", acme::get).orElseThrow().name()).isEqualTo("rule 2");
        assertThat(rules.match("alice", Map.of("X-Tenant", "other")::get)).isEmpty();
        assertThat(rules.match("alice", name -> null)).isEmpty();
    }

    @Test
    void anAiRuleStartsAiModeWithItsVariables() throws IOException {
        RoutingRules rules = load("""
                routing:
                  - name: agents
                    match: { user: "^agent" }
                    action: ai
                    variables: { AUDIO_STREAM_AI_VOICE: cedar }
                """);
        RoutingRule rule = rules.match("agent-1", name -> null).orElseThrow();
        assertThat(rule.action()).isEqualTo(RoutingRule.Action.AI);
        assertThat(rule.variables()).containsEntry("AUDIO_STREAM_AI_VOICE", "cedar");
    }

    @Test
    void everyBadRuleIsAnErrorNamingIt() throws IOException {
        RoutingRules rules = load("""
                routing:
                  - name: a
                    match: { user: "([" }
                  - name: b
                    action: ws
                  - name: c
                    action: ws
                    start: "http://x mono"
                  - name: d
                    action: AI-bot
                  - name: e
                    action: dance
                  - name: f
                    match: { value: "x" }
                """);
        assertThat(rules.rules()).isEmpty();
        assertThat(problems).extracting(ConfigProblem::message).containsExactly(
                "routing a: match.user is not a valid regex: Unclosed character class",
                "routing b: action=ws needs start: \"<ws-url> <mix> [rate] [metadata]\"",
                "routing c: url must be ws:// or wss://",
                "routing d: action=ai-bot is not one of [park, ws, ai]",
                "routing e: action=dance is not one of [park, ws, ai]",
                "routing f: match.value needs match.header");
    }

    @Test
    void protocolFieldSetsTheCallsProtocolVariableAndMustNameOne() throws IOException {
        RoutingRules rules = load("""
                routing:
                  - name: agents
                    action: ws
                    protocol: Twilio
                    start: "ws://10.0.0.6:8080/media stereo"
                    variables: { AUDIO_STREAM_PROTOCOL: mod_audio_stream, AUDIO_STREAM_INJECT_BUFFER_MS: 3000 }
                  - name: odd
                    protocol: vonage
                """);
        assertThat(rules.rules()).singleElement().satisfies(r -> assertThat(r.variables())
                .containsEntry("AUDIO_STREAM_PROTOCOL", "twilio").containsEntry("AUDIO_STREAM_INJECT_BUFFER_MS", "3000"));
        assertThat(problems).extracting(ConfigProblem::message)
                .containsExactly("routing odd: protocol=vonage is not one of [mod_audio_stream, twilio]");
    }

    @Test
    void routingSectionIsNotMistakenForUnknownSettings() throws IOException {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "routing:\n  - action: park\nsip:\n  bind: 127.0.0.1:5080\n");
        Resolution r = ConfigLoader.load(Schema.ALL, f, Map.of(), Map.of(), "");
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void routingMustBeAList() throws IOException {
        load("routing: { action: park }\n");
        assertThat(problems).singleElement().extracting(ConfigProblem::message).asString().endsWith("must be a list of rules");
    }
}
