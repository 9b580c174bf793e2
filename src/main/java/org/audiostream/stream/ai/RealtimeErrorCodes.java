package org.audiostream.stream.ai;

import java.util.Set;

/**
 * Error codes of the Realtime {@code error} event that mean the server refused the {@code session.update} as a
 * whole (a GA server drops the entire update for one unknown field, voice_ai_anchors §1.2): the session would run
 * on the server's defaults, in the wrong audio format, so the start must fail with the server's reason.
 */
final class RealtimeErrorCodes {

    private static final Set<String> UPDATE_REJECTIONS = Set.of("unknown_parameter", "missing_required_parameter",
            "integer_below_min_value", "integer_above_max_value", "decimal_below_min_value", "decimal_above_max_value",
            "invalid_value", "invalid_type", "invalid_request_error");

    private RealtimeErrorCodes() {}

    static boolean rejectsSessionUpdate(String code) {
        return code != null && UPDATE_REJECTIONS.contains(code);
    }
}
