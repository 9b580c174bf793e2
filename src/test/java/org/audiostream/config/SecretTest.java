package org.audiostream.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.audiostream.observe.Redactor;
import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void secretsAreNeverShownButStillUsable() {
        String key = "sk-live-ABCDEF0123456789";
        EffectiveConfig c = ConfigLoader.load(Schema.ALL, null, Map.of("AI_OPENAI_API_KEY", key), Map.of(), "").orThrow();
        Secret secret = c.secret(AiSettings.OPENAI_API_KEY).orElseThrow();
        assertThat(secret.reveal()).isEqualTo(key);
        assertThat(secret.toString()).isEqualTo("***");
        assertThat(AiSettings.OPENAI_API_KEY.display(secret)).isEqualTo("***");
        assertThat(Redactor.redact("connecting with " + key)).isEqualTo("connecting with ***");
    }

    @Test
    void problemMessagesAboutSecretsDoNotEchoTheValue() {
        Resolution r = ConfigLoader.load(Schema.ALL, null, Map.of(),
                Map.of("AUDIO_STREAM_HTTP_TOKEN", " "), "test");
        assertThat(r.errors()).singleElement().extracting(ConfigProblem::message)
                .isEqualTo("AUDIO_STREAM_HTTP_TOKEN=*** is not a non-empty secret: empty (override test)");
    }
}
