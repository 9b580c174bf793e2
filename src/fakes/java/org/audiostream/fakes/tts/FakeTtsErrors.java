package org.audiostream.fakes.tts;

/**
 * The error bodies the real services send (voice_ai_anchors §2.1, §3): ElevenLabs'
 * {@code {"detail":{"status","message"}}} and OpenAI's {@code {"error":{"message","type","param","code"}}}.
 * Threads: stateless.
 */
final class FakeTtsErrors {

    private FakeTtsErrors() {}

    static int status(TtsFault fault) {
        return switch (fault) {
            case UNAUTHORIZED -> 401;
            case RATE_LIMITED -> 429;
            case SERVER_ERROR -> 500;
            default -> throw new IllegalArgumentException("not an error answer: " + fault);
        };
    }

    static String elevenLabs(TtsFault fault) {
        return detail(elevenLabsStatus(fault), elevenLabsMessage(fault));
    }

    /** The {@code detail.message} of {@link #elevenLabs}. */
    static String elevenLabsMessage(TtsFault fault) {
        return switch (fault) {
            case UNAUTHORIZED -> "Invalid API key";
            case RATE_LIMITED -> "Too many concurrent requests. Your current subscription is associated with a "
                    + "maximum of 4 concurrent requests.";
            case SERVER_ERROR -> "An internal server error occurred.";
            default -> throw new IllegalArgumentException("not an error answer: " + fault);
        };
    }

    /** The {@code detail.status} of {@link #elevenLabs}. */
    static String elevenLabsStatus(TtsFault fault) {
        return switch (fault) {
            case UNAUTHORIZED -> "invalid_api_key";
            case RATE_LIMITED -> "too_many_concurrent_requests";
            case SERVER_ERROR -> "internal_server_error";
            default -> throw new IllegalArgumentException("not an error answer: " + fault);
        };
    }

    static String openAi(TtsFault fault) {
        return switch (fault) {
            case UNAUTHORIZED -> error("Incorrect API key provided: sk-test***. You can find your API key at "
                    + "https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key");
            case RATE_LIMITED -> error("Rate limit reached for requests", "requests", "rate_limit_exceeded");
            case SERVER_ERROR -> error("The server had an error while processing your request. Sorry about that!",
                    "server_error", null);
            default -> throw new IllegalArgumentException("not an error answer: " + fault);
        };
    }

    private static String detail(String status, String message) {
        return "{\"detail\":{\"status\":\"" + status + "\",\"message\":\"" + message + "\"}}";
    }

    private static String error(String message, String type, String code) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":"
                + (code == null ? "null" : "\"" + code + "\"") + "}}";
    }
}
