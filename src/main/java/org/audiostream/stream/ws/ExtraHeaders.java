package org.audiostream.stream.ws;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses {@code STREAM_EXTRA_HEADERS}, a JSON object whose members become HTTP upgrade request headers:
 * {@code {"Authorization":"Bearer x","X-Call":"42"}}. String, number and boolean values are sent as
 * their text; names must be RFC 9110 §5.6.2 tokens and values must not contain CR, LF or NUL.
 * Threads: stateless; any thread.
 */
public final class ExtraHeaders {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ExtraHeaders() {
    }

    /**
     * Returns the headers in document order; {@code null} or blank text gives an empty map.
     *
     * @throws IllegalArgumentException naming the offending header or the JSON error
     */
    public static Map<String, String> parse(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("STREAM_EXTRA_HEADERS rejected: invalid JSON: "
                    + e.getOriginalMessage() + (e.getLocation() == null ? "" : " at offset "
                    + e.getLocation().getCharOffset()));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("STREAM_EXTRA_HEADERS rejected: expected a JSON object, got "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> member : root.properties()) {
            String name = member.getKey();
            JsonNode value = member.getValue();
            checkName(name);
            if (!value.isString() && !value.isNumber() && !value.isBoolean()) {
                throw new IllegalArgumentException("STREAM_EXTRA_HEADERS rejected: header \"" + name
                        + "\" has a value of type " + value.getNodeType().toString().toLowerCase(Locale.ROOT)
                        + ", expected a string, number or boolean");
            }
            String text = value.asString();
            checkValue(name, text);
            headers.put(name, text);
        }
        return Collections.unmodifiableMap(headers);
    }

    static void checkName(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("STREAM_EXTRA_HEADERS rejected: empty header name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean tchar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tchar) {
                throw new IllegalArgumentException(String.format("STREAM_EXTRA_HEADERS rejected: header name \"%s\""
                        + " has character U+%04X at index %d, not an RFC 9110 token character", name, (int) c, i));
            }
        }
    }

    static void checkValue(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException(String.format("STREAM_EXTRA_HEADERS rejected: header \"%s\" value"
                        + " has control character U+%04X at index %d", name, (int) c, i));
            }
        }
    }
}
