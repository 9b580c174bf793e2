package org.audiostream.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.audiostream.event.Event;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    @Test
    void eventJsonEmbedsJsonBodiesAndQuotesTextBodies() {
        Instant t = Instant.parse("2026-11-24T05:00:00Z");
        assertThat(EventJson.encode(new Event("mod_audio_stream::connect", "u1", t, "{\"status\":\"connected\"}", true)))
                .isEqualTo("{\"event\":\"mod_audio_stream::connect\",\"session_uuid\":\"u1\",\"timestamp\":\"2026-11-24T05:00:00Z\","
                        + "\"body\":{\"status\":\"connected\"}}");
        assertThat(EventJson.encode(new Event("mod_audio_stream::json", "u1", t, "not \"json\"", false)))
                .endsWith("\"body\":\"not \\\"json\\\"\"}");
    }
}
