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

    @Test
    void extraHeaderValuesAreSecretsButTheirNamesAreShown() {
        String token = "Bearer tok-9f8e7d6c5b4a";
        Resolution r = ConfigLoader.load(Schema.ALL, null,
                Map.of("AUDIO_STREAM_EXTRA_HEADERS", "{\"Authorization\":\"" + token + "\",\"X-Tenant\":\"acme-42\"}"),
                Map.of(), "test");
        EffectiveConfig c = r.orThrow();
        Object value = c.value(StreamSettings.EXTRA_HEADERS).orElseThrow();
        assertThat(StreamSettings.EXTRA_HEADERS.display(value)).isEqualTo("{\"Authorization\":\"***\",\"X-Tenant\":\"***\"}");
        assertThat(Redactor.redact("upgrade sent acme-42 and " + token)).isEqualTo("upgrade sent *** and ***");
        assertThat(r.warnings()).extracting(ConfigProblem::message).containsExactly("AUDIO_STREAM_EXTRA_HEADERS is set but "
                + "AUDIO_STREAM_EXTRA_HEADERS_TARGETS is not: the headers are sent to no target (list the targets they are meant for)");

        Resolution bad = ConfigLoader.load(Schema.ALL, null, Map.of("STREAM_EXTRA_HEADERS", "{\"Authorization\": 5 x}"),
                Map.of(), "test");
        assertThat(bad.errors()).singleElement().extracting(ConfigProblem::message).asString()
                .startsWith("STREAM_EXTRA_HEADERS=*** (alias of AUDIO_STREAM_EXTRA_HEADERS) is not a JSON object");
    }

    @Test
    void aCallsOwnSecretsDoNotGrowTheRedactorsList() {
        EffectiveConfig service = ConfigLoader.load(Schema.ALL, null, Map.of(), Map.of(), "test").orThrow();
        service.overlay(Map.of("AUDIO_STREAM_EXTRA_HEADERS", "{\"X-Call\":\"caller-chosen-value\"}"), "call", 8000);
        assertThat(Redactor.redact("caller-chosen-value")).isEqualTo("caller-chosen-value");
    }
}
