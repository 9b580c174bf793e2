package org.audiostream.stream.ws;

import java.io.StringWriter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The exact JSON bodies of mod_audio_stream's WS-mode events (§1.5) and of the mark acknowledgements sent
 * back to the stream target (jambonz, §3.3). Threads: stateless; any thread.
 */
public final class EventBodies {

    /** Event subclass names, unchanged from mod_audio_stream. */
    public static final String CONNECT = "mod_audio_stream::connect";
    public static final String DISCONNECT = "mod_audio_stream::disconnect";
    public static final String ERROR = "mod_audio_stream::error";
    public static final String JSON = "mod_audio_stream::json";
    public static final String PLAY = "mod_audio_stream::play";

    /** Body of {@link #CONNECT}. */
    public static final String CONNECTED = "{\"status\":\"connected\"}";

    /** Body of {@link #PLAY} after a clear (PR #118 fires {@code play} with an empty object). */
    public static final String PLAY_CLEARED = "{}";

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** What happened to a mark: reached by playout, or dropped by a clear. */
    public enum MarkEvent {
        PLAYOUT("playout"),
        CLEARED("cleared");

        private final String word;

        MarkEvent(String word) {
            this.word = word;
        }
    }

    private EventBodies() {
    }

    /** {@code {"status":"disconnected","message":{"code":1000,"reason":"Normal closure"}}}. */
    public static String disconnected(int code, String reason) {
        StringWriter w = new StringWriter(96);
        try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), w)) {
            g.writeStartObject();
            g.writeStringProperty("status", "disconnected");
            g.writeName("message");
            g.writeStartObject();
            g.writeNumberProperty("code", code);
            g.writeStringProperty("reason", reason);
            g.writeEndObject();
            g.writeEndObject();
        }
        return w.toString();
    }

    /** {@code {"status":"error","message":{"code":6,"error":"..."}}}. */
    public static String error(int code, String error) {
        StringWriter w = new StringWriter(128);
        try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), w)) {
            g.writeStartObject();
            g.writeStringProperty("status", "error");
            g.writeName("message");
            g.writeStartObject();
            g.writeNumberProperty("code", code);
            g.writeStringProperty("error", error);
            g.writeEndObject();
            g.writeEndObject();
        }
        return w.toString();
    }

    /** {@link #PLAY} body for injected audio: the {@code data} object minus {@code audioData}, plus {@code bytes}. */
    public static String playInjected(String dataJson, long bytes) {
        return withMember(dataJson, "\"bytes\":" + bytes);
    }

    /** {@link #PLAY} body in file mode: the {@code data} object minus {@code audioData}, plus {@code file}. */
    public static String playFile(String dataJson, String file) {
        StringWriter w = new StringWriter(file.length() + 2);
        try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), w)) {
            g.writeString(file);
        }
        return withMember(dataJson, "\"file\":" + w);
    }

    /** The acknowledgement sent to the stream target: {@code {"type":"mark","data":{"name":"x","event":"playout"}}}. */
    public static String markAck(String name, MarkEvent event) {
        StringWriter w = new StringWriter(64);
        try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), w)) {
            g.writeStartObject();
            g.writeStringProperty("type", "mark");
            g.writeName("data");
            g.writeStartObject();
            g.writeStringProperty("name", name);
            g.writeStringProperty("event", event.word);
            g.writeEndObject();
            g.writeEndObject();
        }
        return w.toString();
    }

    /** Appends one member ({@code "name":value}) to a compact JSON object ({@code {...}}). */
    public static String withMember(String objectJson, String member) {
        if (objectJson.length() < 2 || objectJson.charAt(0) != '{'
                || objectJson.charAt(objectJson.length() - 1) != '}') {
            throw new IllegalArgumentException("not a compact JSON object: " + objectJson);
        }
        String head = objectJson.substring(0, objectJson.length() - 1);
        return head + (objectJson.length() == 2 ? "" : ",") + member + "}";
    }
}
