package org.audiostream.session;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live sessions by uuid, with the lifetime totals {@code global_health} reports (seed §2.2, §2.3).
 *
 * <p>Threads: thread-safe; lock-free reads.
 */
public final class SessionRegistry {

    private final ConcurrentHashMap<String, MediaSession> sessions = new ConcurrentHashMap<>();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong destroyed = new AtomicLong();

    /** @throws IllegalStateException if the uuid is already registered */
    public void add(MediaSession session) {
        if (sessions.putIfAbsent(session.uuid(), session) != null) {
            throw new IllegalStateException("session " + session.uuid() + " is already registered");
        }
        created.incrementAndGet();
    }

    /** @return true if this call removed it (so teardown accounting happens once) */
    public boolean remove(MediaSession session) {
        boolean removed = sessions.remove(session.uuid(), session);
        if (removed) {
            destroyed.incrementAndGet();
        }
        return removed;
    }

    public Optional<MediaSession> find(String uuid) {
        return Optional.ofNullable(sessions.get(uuid));
    }

    public Collection<MediaSession> all() {
        return List.copyOf(sessions.values());
    }

    public int size() {
        return sessions.size();
    }

    public long totalCreated() {
        return created.get();
    }

    public long totalDestroyed() {
        return destroyed.get();
    }
}
