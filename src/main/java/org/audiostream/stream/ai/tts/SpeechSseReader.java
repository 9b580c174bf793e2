package org.audiostream.stream.ai.tts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads OpenAI's speech stream in its SSE form: {@code data: {"type":"speech.audio.delta","audio":"<base64>"}}
 * events, then {@code speech.audio.done}. A line longer than {@value #MAX_LINE} bytes, an {@code error} event or
 * a stream that ends before {@code done} is a failure. Threads: one reader thread per stream.
 */
final class SpeechSseReader {

    static final int MAX_LINE = 1 << 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SpeechSseReader() {}

    /** Thrown for a stream that breaks the protocol; the request reports it as {@code stream_cut}. */
    static final class SseException extends IOException {
        SseException(String message) {
            super(message);
        }
    }

    static void read(InputStream in, TtsListener listener) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int b;
        while ((b = in.read()) >= 0) {
            if (b != '\n') {
                if (line.size() >= MAX_LINE) {
                    throw new SseException("an SSE line longer than " + MAX_LINE + " bytes");
                }
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.UTF_8).strip();
            line.reset();
            if (text.startsWith("data:") && onData(text.substring(5).strip(), listener)) {
                return;
            }
        }
        throw new SseException("the event stream ended before speech.audio.done");
    }

    /** @return true at {@code speech.audio.done} */
    private static boolean onData(String data, TtsListener listener) throws IOException {
        JsonNode event;
        try {
            event = JSON.readTree(data);
        } catch (JacksonException e) {
            throw new SseException("an SSE event that is not JSON: " + TtsErrorBodies.truncate(data));
        }
        String type = event.path("type").asString("");
        switch (type) {
            case "speech.audio.delta" -> {
                byte[] audio = Base64.getDecoder().decode(event.path("audio").asString(""));
                listener.onAudio(audio, 0, audio.length);
                return false;
            }
            case "speech.audio.done" -> {
                return true;
            }
            case "error" -> throw new SseException("error event: " + TtsErrorBodies.truncate(data));
            default -> {
                return false;
            }
        }
    }
}
