package org.audiostream.stream.ws;

import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/** How an error message shows a JSON value the app sent. Threads: stateless; any thread. */
final class JsonValueText {

    private static final Pattern START_MARKER = Pattern.compile(" \\(start marker at \\[[^]]*\\]\\)");

    private JsonValueText() {
    }

    /** The value at the parser's current token: its kind for containers, else its text, abbreviated. */
    static String describe(JsonParser p, JsonToken value) {
        return switch (value) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "\"" + abbreviate(p.getString()) + "\"";
            default -> abbreviate(p.getString());
        };
    }

    /** Why a message is not JSON: {@code invalid JSON: <Jackson's reason> at offset N}. */
    static String invalidJson(JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        // Jackson appends the location of the enclosing start marker, without the source; drop it.
        String message = START_MARKER.matcher(e.getOriginalMessage()).replaceAll("");
        return "invalid JSON: " + message + (at == null ? "" : " at offset " + at.getCharOffset());
    }

    private static String abbreviate(String s) {
        return s.length() <= 32 ? s : s.substring(0, 32) + "...";
    }
}
