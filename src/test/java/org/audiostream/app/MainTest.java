package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
        String headers = "{\"X-Tenant\":\"a-rather-long-tenant-name\",\"X-Region\":\"eu-west\"}";
        Run r = run("config", "check", "AUDIO_STREAM_EXTRA_HEADERS=" + headers);
        java.util.List<String> rows = r.out().lines().takeWhile(l -> !l.isBlank()).toList();
        int source = rows.get(0).indexOf("SOURCE");
        String row = rows.stream().filter(l -> l.startsWith("AUDIO_STREAM_EXTRA_HEADERS ")).findFirst().orElseThrow();
        assertThat(row.substring(source)).isEqualTo("override command line");
        assertThat(row).contains("X-Tenant");
        assertThat(rows).allSatisfy(l -> assertThat(l.charAt(source - 1)).as(l).isEqualTo(' '));
    }
}
