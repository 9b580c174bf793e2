package org.audiostream.fakes.realtime;

/**
 * A response the fake started, as it stands when asked.
 *
 * @param responseId {@code resp_…}
 * @param itemId the assistant message item or the function call item
 * @param kind "audio", "text" or "function_call"
 * @param status "in_progress", "completed" or "cancelled"
 * @param reason why it was cancelled: "turn_detected", "client_cancelled" (as on the wire), or "disconnected"
 *     (the fake's own note for a connection that ended mid-response); null otherwise
 * @param outputFormat the audio format of its deltas ("audio/pcmu", …), or null for text and function calls
 * @param plannedAudioBytes the audio the script had for it, in the output format
 * @param sentAudioBytes the audio actually sent in {@code response.output_audio.delta}s
 * @param text the transcript or text or arguments sent so far
 */
public record FakeResponse(String responseId, String itemId, String kind, String status, String reason,
        String outputFormat, int plannedAudioBytes, int sentAudioBytes, String text) {}
