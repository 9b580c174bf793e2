package org.audiostream.event;

import java.util.Set;

/**
 * Which events a subscriber wants: by subclass (exact, or a prefix ending in {@code ::}, e.g.
 * {@code mod_audio_stream::}) and by session uuid. Empty sets match everything.
 */
public record EventFilter(Set<String> subclasses, Set<String> sessionUuids) {

    public static final EventFilter ALL = new EventFilter(Set.of(), Set.of());

    public EventFilter {
        subclasses = Set.copyOf(subclasses);
        sessionUuids = Set.copyOf(sessionUuids);
    }

    public boolean matches(Event e) {
        return (sessionUuids.isEmpty() || (e.sessionUuid() != null && sessionUuids.contains(e.sessionUuid())))
                && (subclasses.isEmpty() || subclasses.stream().anyMatch(s -> s.endsWith("::")
                        ? e.subclass().startsWith(s) : e.subclass().equals(s)));
    }
}
