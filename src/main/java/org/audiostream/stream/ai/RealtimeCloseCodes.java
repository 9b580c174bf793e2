package org.audiostream.stream.ai;

/**
 * Which close codes of a Realtime connection are worth a reconnect (the official SDK's list,
 * voice_ai_anchors §1.1): going away (1001, also OpenAI's session expiry), no status (1005), abnormal (1006),
 * server error (1011), service restart (1012), try again later (1013), TLS failure (1015). Not 1000, not protocol
 * or policy errors, not OpenAI's 3000 (authentication) and 4000 (request shape): a retry cannot fix those.
 */
final class RealtimeCloseCodes {

    private RealtimeCloseCodes() {}

    static boolean recoverable(int code) {
        return switch (code) {
            case 1001, 1005, 1006, 1011, 1012, 1013, 1015 -> true;
            default -> false;
        };
    }
}
