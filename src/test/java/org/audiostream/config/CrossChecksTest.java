package org.audiostream.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CrossChecksTest {

    private static Resolution load(Map<String, String> overrides) {
        return ConfigLoader.load(Schema.ALL, null, Map.of(), overrides, "test");
    }

    @Test
    void lpfCutoffAtOrAboveNyquistIsReplacedByTheDefault() {
        Resolution r = load(Map.of("AUDIO_STREAM_AI_LPF_CUTOFF_HZ", "7500"));
        assertThat(r.warnings()).singleElement().extracting(ConfigProblem::message).isEqualTo(
                "AUDIO_STREAM_AI_LPF_CUTOFF_HZ=7500 must be below Nyquist (4000 Hz at 8000 Hz); using 3800 (override test)");
        assertThat(r.config().decimal(AiSettings.LPF_CUTOFF_HZ)).isEqualTo(3800.0);
    }

    @Test
    void lpfCutoffIsJudgedAtTheCallsCodecRate() {
        EffectiveConfig service = load(Map.of()).orThrow();
        Resolution wideband = service.overlay(Map.of("AUDIO_STREAM_AI_LPF_CUTOFF_HZ", "7500"), "call", 16000);
        assertThat(wideband.problems()).isEmpty();
        assertThat(wideband.config().decimal(AiSettings.LPF_CUTOFF_HZ)).isEqualTo(7500.0);

        Resolution narrow = service.overlay(Map.of("AUDIO_STREAM_AI_LPF_CUTOFF_HZ", "3900"), "call", 6000);
        assertThat(narrow.warnings()).singleElement().extracting(ConfigProblem::message).asString()
                .contains("(3000 Hz at 6000 Hz); using 2850");
    }

    @Test
    void positiveCompressorThresholdIsInvalidAndReplaced() {
        Resolution r = load(Map.of("AI_COMPRESSOR_THRESHOLD_DB", "3"));
        assertThat(r.warnings()).singleElement().extracting(ConfigProblem::message).asString()
                .startsWith("AI_COMPRESSOR_THRESHOLD_DB=3 (alias of AUDIO_STREAM_AI_COMPRESSOR_THRESHOLD_DB) is out of range [-60, 0] dBFS; using -20.0");
        assertThat(r.config().decimal(AiSettings.COMPRESSOR_THRESHOLD_DB)).isEqualTo(-20.0);
    }

    @Test
    void rtpRangeNeedsTwoPortPairs() {
        assertThat(load(Map.of("AUDIO_STREAM_RTP_PORTS", "20000-20001")).errors()).singleElement()
                .extracting(ConfigProblem::message)
                .isEqualTo("AUDIO_STREAM_RTP_PORTS=20000-20001 gives 1 port pair; need at least 2");
        assertThat(load(Map.of("AUDIO_STREAM_RTP_PORTS", "20001-20004")).errors()).hasSize(1);
        assertThat(load(Map.of("AUDIO_STREAM_RTP_PORTS", "20000-20003")).errors()).isEmpty();
    }

    @Test
    void jitterBufferNeedsMinAtMostStartAtMostMax() {
        assertThat(load(Map.of("AUDIO_STREAM_RTP_JITTER_START_MS", "300")).errors()).singleElement()
                .extracting(ConfigProblem::message).isEqualTo("AUDIO_STREAM_RTP_JITTER_MIN_MS=20, "
                        + "AUDIO_STREAM_RTP_JITTER_START_MS=300, AUDIO_STREAM_RTP_JITTER_MAX_MS=200: need min <= start <= max");
        assertThat(load(Map.of("AUDIO_STREAM_RTP_JITTER_MIN_MS", "60")).errors()).hasSize(1);
        assertThat(load(Map.of("AUDIO_STREAM_RTP_JITTER_START_MS", "20", "AUDIO_STREAM_RTP_JITTER_MAX_MS", "60")).errors())
                .isEmpty();
    }

    @Test
    void adminApiOffLoopbackRequiresAToken() {
        assertThat(load(Map.of("AUDIO_STREAM_HTTP_BIND", "0.0.0.0:8080")).errors()).singleElement()
                .extracting(ConfigProblem::message).asString()
                .startsWith("AUDIO_STREAM_HTTP_BIND=0.0.0.0:8080 is not loopback, so AUDIO_STREAM_HTTP_TOKEN is required");
        assertThat(load(Map.of("AUDIO_STREAM_HTTP_BIND", "0.0.0.0:8080", "AUDIO_STREAM_HTTP_TOKEN", "s3cret-token")).errors()).isEmpty();
    }

    @Test
    void aiModeFailsClearlyWithoutItsKeys() {
        EffectiveConfig none = load(Map.of()).orThrow();
        assertThat(CrossChecks.requireAiSecrets(none)).extracting(ConfigProblem::message).containsExactly(
                "AI mode requires AUDIO_STREAM_AI_OPENAI_API_KEY (or AI_OPENAI_API_KEY), which is not set");
        EffectiveConfig eleven = load(Map.of("AI_TTS_PROVIDER", "elevenlabs")).orThrow();
        assertThat(CrossChecks.requireAiSecrets(eleven)).extracting(ConfigProblem::message).containsExactly(
                "AI mode requires AUDIO_STREAM_AI_OPENAI_API_KEY (or AI_OPENAI_API_KEY), which is not set",
                "AI mode with TTS provider elevenlabs requires AUDIO_STREAM_AI_ELEVENLABS_API_KEY (or AI_ELEVENLABS_API_KEY), which is not set");
        EffectiveConfig openaiOnly = load(Map.of("AI_OPENAI_API_KEY", "sk-test-0123456789", "AI_TTS_PROVIDER", "openai")).orThrow();
        assertThat(CrossChecks.requireAiSecrets(openaiOnly)).isEmpty();
        EffectiveConfig fallback = load(Map.of("AI_OPENAI_API_KEY", "sk-test-0123456789", "AI_TTS_PROVIDER", "openai",
                "AUDIO_STREAM_AI_TTS_FALLBACK", "elevenlabs,espeak")).orThrow();
        assertThat(CrossChecks.requireAiSecrets(fallback)).extracting(ConfigProblem::message).containsExactly(
                "AI mode with elevenlabs in AUDIO_STREAM_AI_TTS_FALLBACK requires AUDIO_STREAM_AI_ELEVENLABS_API_KEY "
                        + "(or AI_ELEVENLABS_API_KEY), which is not set");
    }
}
