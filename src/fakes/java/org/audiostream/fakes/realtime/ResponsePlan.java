package org.audiostream.fakes.realtime;

import tools.jackson.databind.JsonNode;

/**
 * Everything a {@link ResponseStream} needs to play one response: the ids, what to say, and the response
 * parameters in force (session defaults overridden by {@code response.create}).
 *
 * @param conversationId the conversation's id, or null for an out-of-band response ({@code conversation: "none"})
 * @param modality "audio" or "text"
 * @param format the audio format of the deltas
 * @param voice the voice, echoed in the response object
 * @param maxOutputTokens echoed in the response object
 * @param metadata echoed in the response object (may be a JSON null)
 */
record ResponsePlan(String responseId, String itemId, String callId, String conversationId, String modality,
        AudioFormat format, JsonNode voice, JsonNode maxOutputTokens, JsonNode metadata, ScriptedResponse script) {

    boolean inConversation() {
        return conversationId != null;
    }
}
