package org.audiostream.event;

import java.time.Instant;
import java.util.Objects;

/**
 * One event, as FreeSWITCH would fire it: a subclass name ({@code mod_audio_stream::connect},
 * {@code call::hangup}, …), the session it belongs to, when, and a body. Bodies are the module's
 * exact JSON; a {@code json} event's body is the app's raw text, which may not be JSON at all
 * ({@code bodyIsJson} false).
 */
public record Event(String subclass, String sessionUuid, Instant timestamp, String body, boolean bodyIsJson) {

    public Event {
        Objects.requireNonNull(subclass);
        Objects.requireNonNull(timestamp);
        Objects.requireNonNull(body);
    }

    public static Event json(String subclass, String sessionUuid, String jsonBody) {
        return new Event(subclass, sessionUuid, Instant.now(), jsonBody, true);
    }

    public static Event text(String subclass, String sessionUuid, String textBody) {
        return new Event(subclass, sessionUuid, Instant.now(), textBody, false);
    }
}
