package org.audiostream.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StructuredLogTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Log log = Log.of(Component.INJECT);

    @AfterEach
    void forgetSecrets() {
        Redactor.clearRegisteredSecrets();
    }

    @Test
    void textLineFollowsTheTaxonomy() {
        try (CapturedLog captured = new CapturedLog(Component.INJECT, LogFormat.TEXT, Level.DEBUG)) {
            log.warn("abc-123", "buffer_overflow", "dropped", "dropped_bytes", 640, "inuse", 32000, "note", "two words");
            assertThat(captured.lines).singleElement().asString()
                    .matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z WARN   \\[abc-123] INJECT buffer_overflow dropped "
                            + "dropped_bytes=640 inuse=32000 note=\"two words\"");
        }
    }

    @Test
    void jsonLineCarriesLevelTimestampSessionComponentOperationOutcomeAndFields() {
        try (CapturedLog captured = new CapturedLog(Component.INJECT, LogFormat.JSON, Level.DEBUG)) {
            log.notice("abc-123", "session_init", "ok", "rate", 8000, "mode", "ws", "stereo", false);
            JsonNode line = JSON.readTree(captured.lines.get(0));
            assertThat(line.get("level").asString()).isEqualTo("NOTICE");
            assertThat(line.get("ts").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(line.get("session_uuid").asString()).isEqualTo("abc-123");
            assertThat(line.get("component").asString()).isEqualTo("INJECT");
            assertThat(line.get("operation").asString()).isEqualTo("session_init");
            assertThat(line.get("outcome").asString()).isEqualTo("ok");
            assertThat(line.get("fields").get("rate").isInt()).isTrue();
            assertThat(line.get("fields").get("rate").asInt()).isEqualTo(8000);
            assertThat(line.get("fields").get("mode").asString()).isEqualTo("ws");
            assertThat(line.get("fields").get("stereo").isBoolean()).isTrue();
            assertThat(captured.lines.get(0)).doesNotContain("\n");
        }
    }

    @Test
    void lineWithoutSessionShowsDash() {
        try (CapturedLog captured = new CapturedLog(Component.INJECT, LogFormat.TEXT, Level.DEBUG)) {
            log.info(null, "stats", "ok");
            assertThat(captured.lines.get(0)).contains("INFO   [-] INJECT stats ok");
        }
    }

    @Test
    void registeredSecretsAndCredentialShapesNeverReachALine() {
        Redactor.registerSecret("el-9f8e7d6c5b4a");
        for (LogFormat format : LogFormat.values()) {
            try (CapturedLog captured = new CapturedLog(Component.INJECT, format, Level.DEBUG)) {
                log.error("u1", "connect", "failed", new IllegalStateException("bad key el-9f8e7d6c5b4a"),
                        "header", "xi-api-key: el-9f8e7d6c5b4a", "auth", "Authorization: Bearer eyJhbGciOi.J9",
                        "key", "sk-proj-abcdefghijkl", "url", "wss://x/y?token=t0k3n&x=1");
                String line = String.join("\n", captured.lines);
                assertThat(line).doesNotContain("el-9f8e7d6c5b4a", "eyJhbGciOi.J9", "sk-proj-abcdefghijkl", "t0k3n")
                        .contains("***");
            }
        }
    }

    @Test
    void oddFieldCountIsAProgrammingErrorNamingTheCall() {
        try (CapturedLog ignored = new CapturedLog(Component.INJECT, LogFormat.TEXT, Level.DEBUG)) {
            assertThatThrownBy(() -> log.info("u", "op", "ok", "lonely"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INJECT op");
        }
    }

    @Test
    void noticeLevelKeepsNoticeButDropsPlainInfo() {
        LogSetup.NoticeOnlyFilter filter = new LogSetup.NoticeOnlyFilter();
        var context = (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        var logger = context.getLogger(Component.LIFECYCLE.loggerName());
        var notice = new ch.qos.logback.classic.spi.LoggingEvent("x", logger, Level.INFO, "m", null, null);
        notice.addMarker(Log.NOTICE);
        var info = new ch.qos.logback.classic.spi.LoggingEvent("x", logger, Level.INFO, "m", null, null);
        var warn = new ch.qos.logback.classic.spi.LoggingEvent("x", logger, Level.WARN, "m", null, null);
        assertThat(filter.decide(notice)).isEqualTo(ch.qos.logback.core.spi.FilterReply.NEUTRAL);
        assertThat(filter.decide(info)).isEqualTo(ch.qos.logback.core.spi.FilterReply.DENY);
        assertThat(filter.decide(warn)).isEqualTo(ch.qos.logback.core.spi.FilterReply.NEUTRAL);
    }
}
