package org.audiostream.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defaults < YAML file < environment < overrides, and a call's variables on top of the service's. */
class PrecedenceTest {

    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        Path f = dir.resolve("audio-stream.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void eachLevelOverridesTheOneBelow() throws IOException {
        Path file = yaml("""
                stream:
                  inject_buffer_ms: 2000
                  reconnect_max: 4
                AUDIO_STREAM_HEART_BEAT: 15
                STREAM_SUPPRESS_LOG: true
                """);
        Resolution r = ConfigLoader.load(Schema.ALL, file,
                Map.of("AUDIO_STREAM_INJECT_BUFFER_MS", "3000", "STREAM_RECONNECT_MAX", "6", "PATH", "/usr/bin"),
                Map.of("AUDIO_STREAM_INJECT_BUFFER_MS", "4000"), "command line");
        EffectiveConfig c = r.orThrow();
        assertThat(r.problems()).isEmpty();

        assertThat(c.intValue(StreamSettings.INJECT_BUFFER_MS)).isEqualTo(4000);
        assertThat(c.resolved(StreamSettings.INJECT_BUFFER_MS).source()).isEqualTo(ConfigSource.OVERRIDE);
        assertThat(c.resolved(StreamSettings.INJECT_BUFFER_MS).origin()).isEqualTo("override command line");

        assertThat(c.intValue(StreamSettings.RECONNECT_MAX)).isEqualTo(6);
        assertThat(c.resolved(StreamSettings.RECONNECT_MAX).origin()).isEqualTo("env STREAM_RECONNECT_MAX");

        assertThat(c.intValue(StreamSettings.HEART_BEAT)).isEqualTo(15);
        assertThat(c.resolved(StreamSettings.HEART_BEAT).source()).isEqualTo(ConfigSource.FILE);
        assertThat(c.flag(StreamSettings.SUPPRESS_LOG)).isTrue();

        assertThat(c.intValue(StreamSettings.INJECT_MIN_BUFFER_MS)).isEqualTo(60);
        assertThat(c.resolved(StreamSettings.INJECT_MIN_BUFFER_MS).source()).isEqualTo(ConfigSource.DEFAULT);
    }

    @Test
    void yamlSectionsMapToServiceSettings() throws IOException {
        Path file = yaml("""
                sip:
                  bind: 0.0.0.0:5080
                rtp:
                  ports: 30000-30099
                http:
                  bind: 127.0.0.1:9090
                """);
        EffectiveConfig c = ConfigLoader.load(Schema.ALL, file, Map.of(), Map.of(), "").orThrow();
        assertThat(c.get(ServiceSettings.SIP_BIND, HostPort.class)).isEqualTo(new HostPort("0.0.0.0", 5080));
        assertThat(c.get(ServiceSettings.RTP_PORTS, PortRange.class)).isEqualTo(new PortRange(30000, 30099));
        assertThat(c.get(ServiceSettings.HTTP_BIND, HostPort.class).port()).isEqualTo(9090);
    }

    @Test
    void unknownYamlKeyIsAnErrorSoTyposNeverPassSilently() throws IOException {
        Resolution r = ConfigLoader.load(Schema.ALL, yaml("sip:\n  bnd: 0.0.0.0:5060\n"), Map.of(), Map.of(), "");
        assertThat(r.errors()).singleElement().extracting(ConfigProblem::message).asString()
                .startsWith("unknown setting 'sip.bnd' in ");
    }

    @Test
    void invalidYamlAndMissingFileAreErrors() throws IOException {
        assertThat(ConfigLoader.load(Schema.ALL, yaml("sip: [unclosed"), Map.of(), Map.of(), "").errors())
                .singleElement().extracting(ConfigProblem::message).asString().contains("is not valid YAML");
        assertThat(ConfigLoader.load(Schema.ALL, dir.resolve("absent.yaml"), Map.of(), Map.of(), "").errors())
                .singleElement().extracting(ConfigProblem::message).asString().startsWith("cannot read config file");
    }

    @Test
    void unknownAudioStreamVariableInEnvironmentWarnsButLauncherVariableDoesNot() {
        Resolution r = ConfigLoader.load(Schema.ALL, null,
                Map.of("AUDIO_STREAM_INJECT_BUFER_MS", "1", ConfigLoader.LAUNCHER_VARIABLE, "-Xmx1g"), Map.of(), "");
        assertThat(r.warnings()).singleElement().extracting(ConfigProblem::message).asString()
                .contains("unknown variable AUDIO_STREAM_INJECT_BUFER_MS");
    }

    @Test
    void unknownOverrideOnTheCommandLineIsAnError() {
        assertThat(ConfigLoader.load(Schema.ALL, null, Map.of(), Map.of("AUDIO_STREAM_NOPE", "1"), "command line").errors())
                .singleElement().extracting(ConfigProblem::message)
                .isEqualTo("unknown variable AUDIO_STREAM_NOPE (override command line)");
    }

    @Test
    void callVariablesOverlayTheServiceConfiguration() {
        EffectiveConfig service = ConfigLoader.load(Schema.ALL, null, Map.of("AUDIO_STREAM_INJECT_BUFFER_MS", "3000"),
                Map.of(), "").orThrow();
        Resolution call = service.overlay(Map.of("STREAM_INJECT_BUFFER_MS", "1500", "AUDIO_STREAM_SIP_BIND", "0.0.0.0:1",
                "AUDIO_STREAM_BOGUS", "1"), "X-headers", 8000);
        assertThat(call.errors()).isEmpty();
        assertThat(call.config().intValue(StreamSettings.INJECT_BUFFER_MS)).isEqualTo(1500);
        assertThat(call.config().resolved(StreamSettings.INJECT_BUFFER_MS).origin()).isEqualTo("override X-headers");
        assertThat(call.config().get(ServiceSettings.SIP_BIND, HostPort.class).port()).isEqualTo(5060);
        assertThat(call.warnings()).extracting(ConfigProblem::message).containsExactlyInAnyOrder(
                "AUDIO_STREAM_SIP_BIND applies to the whole service and cannot be set per call (override X-headers); ignored",
                "unknown variable AUDIO_STREAM_BOGUS (override X-headers); ignored");
        assertThat(service.intValue(StreamSettings.INJECT_BUFFER_MS)).isEqualTo(3000);
    }
}
