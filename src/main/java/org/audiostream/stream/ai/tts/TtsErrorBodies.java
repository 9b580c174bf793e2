package org.audiostream.stream.ai.tts;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a provider's error answer into a {@link TtsFailure}: ElevenLabs' {@code {"detail":{"status"|"code":…,
 * "message":…}}} and its validation list {@code {"detail":[{"msg":…}]}}, OpenAI's {@code {"error":{"code",
 * "type","message"}}}; anything else is {@code http_<status>}. Threads: stateless.
 */
final class TtsErrorBodies {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_MESSAGE = 200;

    private TtsErrorBodies() {}

    static TtsFailure failure(int status, String body) {
        String fallback = "http_" + status;
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            return new TtsFailure(fallback, status, truncate(body));
        }
        JsonNode detail = root.path("detail");
        if (detail.isObject()) {
            String code = first(detail, "status", "code", fallback);
            return new TtsFailure(code, status, truncate(detail.path("message").asString("")));
        }
        if (detail.isArray()) {
            return new TtsFailure("validation_error", status, truncate(detail.path(0).path("msg").asString("")));
        }
        JsonNode error = root.path("error");
        if (error.isObject()) {
            String code = first(error, "code", "type", fallback);
            return new TtsFailure(code, status, truncate(error.path("message").asString("")));
        }
        return new TtsFailure(fallback, status, truncate(body));
    }

    private static String first(JsonNode node, String a, String b, String fallback) {
        String v = node.path(a).isString() ? node.path(a).asString() : null;
        if (v == null || v.isBlank()) {
            v = node.path(b).isString() ? node.path(b).asString() : null;
        }
        return v == null || v.isBlank() ? fallback : v;
    }

    static String truncate(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "…";
    }
}
