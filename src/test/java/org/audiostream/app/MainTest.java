package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.audiostream.config.ConfigLoader;
import org.audiostream.config.EffectiveConfig;
import org.audiostream.config.Schema;
import org.junit.jupiter.api.Test;

class MainTest {

    private record Run(int exit, String out) {}

    private static Run run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            return new Run(Main.run(args), buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void versionPrintsBuildMetadata() {
        Run r = run("version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("audio-stream ", "build date:", "build type:", "git commit:");
    }

    @Test
    void configCheckPrintsTheClampAndTheReplacement() {
        Run r = run("config", "check", "AUDIO_STREAM_INJECT_BUFFER_MS=50");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).containsPattern("AUDIO_STREAM_INJECT_BUFFER_MS\\s+5000 ms\\s+override command line")
                .contains("WARN  AUDIO_STREAM_INJECT_BUFFER_MS=50 is out of range [100, 30000] ms; using 5000")
                .contains("1 warning, 0 errors");
    }

    @Test
    void configCheckExitsNonZeroOnErrorsAndMasksSecrets() {
        Run r = run("config", "check", "AUDIO_STREAM_INJECT_BUFFER_MS=abc", "AI_OPENAI_API_KEY=sk-do-not-print-me-123");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("ERROR AUDIO_STREAM_INJECT_BUFFER_MS=abc is not an integer")
                .containsPattern("AUDIO_STREAM_AI_OPENAI_API_KEY\\s+\\*\\*\\*\\s+override command line")
                .doesNotContain("sk-do-not-print-me-123");
    }

    @Test
    void configCheckWithAiFlagReportsMissingKeys() {
        Run r = run("config", "check", "--ai");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("AI mode requires AUDIO_STREAM_AI_OPENAI_API_KEY");
    }

    @Test
    void configCheckKeepsLongValuesInTheirColumn() {
        String prompt = "You are the front desk of a rather long-named tenant in eu-west; answer briefly.";
        Run r = run("config", "check", "AUDIO_STREAM_AI_SYSTEM_PROMPT=" + prompt);
        java.util.List<String> rows = r.out().lines().takeWhile(l -> !l.isBlank()).toList();
        int source = rows.get(0).indexOf("SOURCE");
        String row = rows.stream().filter(l -> l.startsWith("AUDIO_STREAM_AI_SYSTEM_PROMPT ")).findFirst().orElseThrow();
        assertThat(row.substring(source)).isEqualTo("override command line");
        assertThat(row).contains("front desk");
        assertThat(rows).allSatisfy(l -> assertThat(l.charAt(source - 1)).as(l).isEqualTo(' '));
    }

    /** Issue 14 finding 8: the heap follows the configured limits, not a quarter of the machine's RAM. */
    @Test
    void configHeapSizesTheHeapFromTheSessionLimit() {
        Run small = run("config", "heap", "AUDIO_STREAM_MAX_SESSIONS=100");
        assertThat(small.exit()).isZero();
        assertThat(small.out().strip()).isEqualTo("-Xms64m -Xmx292m -XX:SoftMaxHeapSize=219m -XX:ZUncommitDelay=30");
        assertThat(run("config", "heap").out()).contains("-Xmx1192m");
        assertThat(run("config", "heap", "bogus").exit()).isEqualTo(2);
    }

    @Test
    void theDescriptorBudgetCoversCallsConnectionsAndAReserve() {
        EffectiveConfig config = ConfigLoader.load(Schema.ALL, null, Map.of(), Map.of("AUDIO_STREAM_MAX_SESSIONS", "100"),
                "test").orThrow();
        assertThat(DescriptorBudget.needed(config)).isEqualTo(3 * 100 + 1024 + 128 + 256);
        assertThat(DescriptorBudget.available()).as("Linux reports the limit").isPositive();
    }
}
