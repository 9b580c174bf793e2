package org.audiostream.fakes.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.audiostream.fakes.realtime.RealtimeTestClient.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The upgrade: 101 for every request, then the live service's error event and close code for a bad one. */
class FakeRealtimeHandshakeTest {

    private final FakeRealtimeServer server = FakeRealtimeServer.start(FakeRealtimeConfig.builder().apiKey("sk-test-key-123456").build());

    @AfterEach
    void stop() {
        server.close();
    }

    private RealtimeTestClient connect(String query, Map<String, String> headers) {
        return RealtimeTestClient.connect(URI.create(server.url() + query), headers);
    }

    /** The single error event, then the close, as the service does for a refused upgrade. */
    private static JsonNode refusal(RealtimeTestClient client, int closeCode, String closeReason) {
        JsonNode error = client.next("error");
        Frame close = client.awaitClose();
        assertThat(close.closeCode()).isEqualTo(closeCode);
        assertThat(close.closeReason()).isEqualTo(closeReason);
        assertThat(client.types()).containsExactly("error", "close " + closeCode);
        return error.path("error");
    }

    @Test
    void aGoodKeyAndModelGetSessionCreatedFirst() {
        try (RealtimeTestClient client = RealtimeTestClient.connect(server, "sk-test-key-123456")) {
            JsonNode session = client.next("session.created").path("session");
            assertThat(client.types()).containsExactly("session.created");
            assertThat(session.path("id").asString()).startsWith("sess_");
            assertThat(session.path("model").asString()).isEqualTo(RealtimeTestClient.MODEL);
            assertThat(session.path("expires_at").asLong()).isBetween(System.currentTimeMillis() / 1000 + 3590,
                    System.currentTimeMillis() / 1000 + 3610);
            JsonNode td = session.path("audio").path("input").path("turn_detection");
            assertThat(td.path("type").asString()).isEqualTo("server_vad");
            assertThat(td.path("silence_duration_ms").asInt()).isEqualTo(200);
            assertThat(td.path("prefix_padding_ms").asInt()).isEqualTo(300);
            assertThat(session.path("audio").path("output").path("format").path("rate").asInt()).isEqualTo(24_000);
        }
        FakeRealtimeSession session = server.awaitSession(0, RealtimeTestClient.WAIT);
        assertThat(session.requestHeader("Authorization")).isEqualTo("Bearer sk-test-key-123456");
        assertThat(session.model()).isEqualTo(RealtimeTestClient.MODEL);
    }

    @Test
    void noAuthorizationHeaderIsCodeNullAndClose3000() {
        try (RealtimeTestClient client = connect("?model=gpt-realtime-2.1", Map.of())) {
            JsonNode error = refusal(client, 3000, "invalid_request_error");
            assertThat(error.path("code").isNull()).isTrue();
            assertThat(error.path("message").asString()).isEqualTo("Missing bearer or basic authentication in header");
        }
        assertThat(server.awaitSession(0, RealtimeTestClient.WAIT).closeCodeSent()).isEqualTo(3000);
    }

    @Test
    void aWrongKeyIsInvalidApiKeyWithTheKeyMasked() {
        try (RealtimeTestClient client = connect("?model=gpt-realtime-2.1",
                Map.of("Authorization", "Bearer sk-wrong-key-ABCDEFGH"))) {
            JsonNode error = refusal(client, 3000, "invalid_request_error.invalid_api_key");
            assertThat(error.path("code").asString()).isEqualTo("invalid_api_key");
            assertThat(error.path("message").asString()).startsWith("Incorrect API key provided: sk-w")
                    .contains("EFGH").doesNotContain("wrong-key");
        }
    }

    @Test
    void theBetaHeaderIsBetaApiShapeDisabledAndClose4000() {
        try (RealtimeTestClient client = connect("?model=gpt-realtime-2.1",
                Map.of("Authorization", "Bearer sk-test-key-123456", "OpenAI-Beta", "realtime=v1"))) {
            JsonNode error = refusal(client, 4000, "invalid_request_error.beta_api_shape_disabled");
            assertThat(error.path("code").asString()).isEqualTo("beta_api_shape_disabled");
        }
    }

    @Test
    void noModelIsMissingModelAndAnUnknownModelIsInvalidModel() {
        try (RealtimeTestClient client = connect("", Map.of("Authorization", "Bearer sk-test-key-123456"))) {
            JsonNode error = refusal(client, 4000, "invalid_request_error.missing_model");
            assertThat(error.path("message").asString()).startsWith("You must provide a model parameter");
        }
        try (RealtimeTestClient client = connect("?model=gpt-nope", Map.of("Authorization", "Bearer sk-test-key-123456"))) {
            JsonNode error = refusal(client, 4000, "invalid_request_error.invalid_model");
            assertThat(error.path("message").asString()).contains("gpt-nope");
        }
        assertThat(server.sessions()).hasSize(2);
    }

    @Test
    void refuseNextWithACloseCodeUpgradesThenClosesWithoutASession() {
        server.refuseNext(2, 1013);
        for (int i = 0; i < 2; i++) {
            try (RealtimeTestClient client = RealtimeTestClient.connect(server, "sk-test-key-123456")) {
                assertThat(client.awaitClose().closeCode()).isEqualTo(1013);
                assertThat(client.types()).containsExactly("close 1013");
            }
        }
        try (RealtimeTestClient client = RealtimeTestClient.connect(server, "sk-test-key-123456")) {
            client.next("session.created");
        }
        assertThat(server.connectionAttempts()).isEqualTo(3);
        assertThat(server.sessions()).hasSize(1);
    }

    @Test
    void refuseNextWithCodeZeroAnswersHttp503() {
        server.refuseNext(1, 0);
        assertThatThrownBy(() -> RealtimeTestClient.connect(server, "sk-test-key-123456"))
                .isInstanceOf(CompletionException.class).hasRootCauseMessage("Unexpected HTTP response status code 503");
        try (RealtimeTestClient client = RealtimeTestClient.connect(server, "sk-test-key-123456")) {
            client.next("session.created");
        }
        assertThat(server.connectionAttempts()).isEqualTo(2);
    }

    @Test
    void otherPathsAre404() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(server.url().replace("ws://", "http://").replace("/v1/realtime", "/v1/other"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(404);
        }
        assertThat(server.connectionAttempts()).isZero();
    }
}
