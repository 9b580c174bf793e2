package org.audiostream.stream.ws;

import java.util.Base64;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads a JSON member that carries base64 audio ({@code audioData}, Twilio's {@code payload}) straight from the
 * parser's character buffer: its length is checked against {@code AUDIO_STREAM_MAX_AUDIO_BASE64_LEN} before it
 * is decoded, and it never becomes a {@code String}. Threads: stateless; any thread.
 */
final class Base64Member {

    /** The decoded bytes, or why there are none. */
    record Decoded(byte[] bytes, String problem) {
    }

    private Base64Member() {
    }

    /**
     * Decodes the value at the parser's current token.
     *
     * @param name the member's name, for the problem text
     * @param value the current token
     * @param maxChars the longest base64 text accepted
     */
    static Decoded read(JsonParser p, String name, JsonToken value, int maxChars) {
        if (value != JsonToken.VALUE_STRING) {
            return failed(name + " must be a string, got " + JsonValueText.describe(p, value));
        }
        int length = p.getStringLength();
        if (length > maxChars) {
            return failed(name + " length=" + length + " > AUDIO_STREAM_MAX_AUDIO_BASE64_LEN=" + maxChars
                    + " characters");
        }
        char[] chars = p.getStringCharacters();
        int offset = p.getStringOffset();
        byte[] ascii = new byte[length];
        for (int i = 0; i < length; i++) {
            char c = chars[offset + i];
            if (c > 0x7f) {
                return failed(String.format("%s is not valid base64: character U+%04X at index %d", name, (int) c, i));
            }
            ascii[i] = (byte) c;
        }
        try {
            return new Decoded(Base64.getDecoder().decode(ascii), null);
        } catch (IllegalArgumentException e) {
            return failed(name + " is not valid base64: " + e.getMessage());
        }
    }

    private static Decoded failed(String problem) {
        return new Decoded(null, problem);
    }
}
