package org.audiostream.stream.ws;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads an app's text message as exactly one JSON value, streaming: an object is handed to the dialect's reader;
 * anything else becomes what every dialect makes of it (a non-object is a {@code json} event, invalid JSON or
 * trailing content a rejection). Threads: stateless; any thread.
 */
final class SingleJsonValue {

    /** Reads the members of the root object; the parser stands on its START_OBJECT. */
    @FunctionalInterface
    interface ObjectReader {
        void read(JsonParser p);
    }

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();

    private SingleJsonValue() {
    }

    /** @return null when {@code text} was one object (read by {@code reader}), else the message for it */
    static StreamAudioMessage read(String text, ObjectReader reader) {
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new StreamAudioMessage.Rejected("invalid JSON: empty message", text);
            }
            if (first == JsonToken.START_OBJECT) {
                reader.read(p);
            } else {
                p.skipChildren();
            }
            if (p.nextToken() != null) {
                return new StreamAudioMessage.Rejected("invalid JSON: content after the root value at offset "
                        + p.currentTokenLocation().getCharOffset(), text);
            }
            return first == JsonToken.START_OBJECT ? null : new StreamAudioMessage.Json(text);
        } catch (JacksonException e) {
            return new StreamAudioMessage.Rejected(JsonValueText.invalidJson(e), text);
        }
    }
}
