package org.audiostream.control;

import java.io.StringWriter;
import org.audiostream.event.Event;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire form of an event on the event stream and webhooks:
 * {@code {"event":"mod_audio_stream::connect","session_uuid":"…","timestamp":"…","body":{"status":"connected"}}}.
 * A JSON body is embedded as JSON; a text body (a {@code json} event carrying non-JSON text from the
 * app) as a string.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private EventJson() {}

    public static String encode(Event e) {
        StringWriter out = new StringWriter(128 + e.body().length());
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("event", e.subclass());
            g.writeStringProperty("session_uuid", e.sessionUuid());
            g.writeStringProperty("timestamp", e.timestamp().toString());
            g.writeName("body");
            if (e.bodyIsJson()) {
                g.writeRawValue(e.body());
            } else {
                g.writeString(e.body());
            }
            g.writeEndObject();
        }
        return out.toString();
    }
}
