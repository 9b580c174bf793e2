package org.audiostream.fakes.realtime;

import tools.jackson.databind.JsonNode;

/**
 * The turn detection in force, read from the effective session. {@code semantic_vad} has no threshold or
 * timings on the wire; the fake runs it as energy VAD with threshold 0.5, 300 ms prefix padding and a silence
 * that follows the eagerness (low 800 ms, medium and auto 500 ms, high 250 ms).
 *
 * @param idleTimeoutMs {@code idle_timeout_ms}, or -1 when null or not applicable
 */
record VadSettings(String type, double threshold, int prefixPaddingMs, int silenceDurationMs, long idleTimeoutMs,
        boolean createResponse, boolean interruptResponse) {

    static VadSettings of(JsonNode td) {
        String type = td.path("type").asString();
        boolean create = td.path("create_response").asBoolean(true);
        boolean interrupt = td.path("interrupt_response").asBoolean(true);
        if ("semantic_vad".equals(type)) {
            int silence = switch (td.path("eagerness").asString("auto")) {
                case "low" -> 800;
                case "high" -> 250;
                default -> 500;
            };
            return new VadSettings(type, 0.5, 300, silence, -1, create, interrupt);
        }
        JsonNode idle = td.path("idle_timeout_ms");
        return new VadSettings(type, td.path("threshold").asDouble(0.5), td.path("prefix_padding_ms").asInt(300),
                td.path("silence_duration_ms").asInt(200), idle.isIntegralNumber() ? idle.asLong() : -1, create,
                interrupt);
    }
}
