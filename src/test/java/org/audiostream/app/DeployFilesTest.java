package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.audiostream.config.ConfigLoader;
import org.audiostream.config.Resolution;
import org.audiostream.config.Schema;
import org.audiostream.config.ServiceSettings;
import org.junit.jupiter.api.Test;

/** The files in {@code deploy/} are valid for the tools that read them. */
class DeployFilesTest {

    /** Runs {@code command}; returns its exit status and output. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return "exit " + p.exitValue() + (out.isBlank() ? "" : ": " + out.strip());
    }

    @Test
    void theSystemdUnitPassesSystemdAnalyzeVerify() throws Exception {
        assertThat(run(List.of("systemd-analyze", "verify", Path.of("deploy/audio-stream.service").toAbsolutePath().toString())))
                .isEqualTo("exit 0");
    }

    @Test
    void theProductionConfigLoadsWithoutAProblem() {
        Resolution r = ConfigLoader.load(Schema.ALL, Path.of("deploy/audio-stream.yaml"),
                Map.of("AUDIO_STREAM_HTTP_TOKEN", "from-secrets-env"), Map.of(), "test");
        assertThat(r.problems()).isEmpty();
        assertThat(r.config().intValue(ServiceSettings.MAX_SESSIONS)).isEqualTo(500);
        assertThat(r.config().intValue(ServiceSettings.DRAIN_TIMEOUT_MS)).isEqualTo(30000);
    }

    @Test
    void theAlertRulesPassPromtoolCheckRules() throws Exception {
        Path rules = Path.of("deploy/prometheus/audio-stream.rules.yml");
        long alerts = Files.readAllLines(rules).stream().filter(line -> line.strip().startsWith("- alert:")).count();
        assertThat(alerts).isGreaterThanOrEqualTo(16);
        assertThat(run(List.of("promtool", "check", "rules", rules.toString())))
                .startsWith("exit 0").contains("SUCCESS: " + alerts + " rules found");
    }
}
