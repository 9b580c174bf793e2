package org.audiostream.stream.ai.tts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TtsErrorBodiesTest {

    @Test
    void readsTheElevenLabsOpenAiAndValidationShapes() {
        assertThat(TtsErrorBodies.failure(401, "{\"detail\":{\"status\":\"invalid_api_key\",\"message\":\"Invalid API key\"}}"))
                .isEqualTo(new TtsFailure("invalid_api_key", 401, "Invalid API key"));
        assertThat(TtsErrorBodies.failure(401, "{\"detail\":{\"type\":\"authentication_error\",\"code\":\"invalid_api_key\","
                + "\"message\":\"bad\",\"request_id\":\"r1\"}}").code()).isEqualTo("invalid_api_key");
        assertThat(TtsErrorBodies.failure(422, "{\"detail\":[{\"loc\":[\"body\",\"text\"],\"msg\":\"field required\","
                + "\"type\":\"value_error.missing\"}]}")).isEqualTo(new TtsFailure("validation_error", 422, "field required"));
        assertThat(TtsErrorBodies.failure(429, "{\"error\":{\"message\":\"Rate limit\",\"type\":\"requests\",\"param\":null,"
                + "\"code\":\"rate_limit_exceeded\"}}").code()).isEqualTo("rate_limit_exceeded");
        assertThat(TtsErrorBodies.failure(500, "{\"error\":{\"message\":\"oops\",\"type\":\"server_error\",\"param\":null,"
                + "\"code\":null}}").code()).isEqualTo("server_error");
        assertThat(TtsErrorBodies.failure(502, "<html>Bad gateway</html>").code()).isEqualTo("http_502");
    }
}
