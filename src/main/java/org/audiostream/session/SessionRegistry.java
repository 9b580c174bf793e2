package org.audiostream.session;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live sessions by uuid, with the lifetime totals {@code global_health} reports (seed §2.2, §2.3) and the
 * counters of every session ever registered, for metrics: a removed session's counters are added to the
 * retired total in the same step that removes it, so a sum never goes back.
 *
 * <p>Threads: thread-safe; lock-free lookups; removal and {@link #lifetimeCounters} share a lock.
 */
public final class SessionRegistry {

    private final ConcurrentHashMap<String, MediaSession> sessions = new ConcurrentHashMap<>();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong destroyed = new AtomicLong();
    // guarded by sessions' removal lock (this)
    private SessionCounters retired = SessionCounters.ZERO;

    /** @throws IllegalStateException if the uuid is already registered */
    public void add(MediaSession session) {
        if (sessions.putIfAbsent(session.uuid(), session) != null) {
            throw new IllegalStateException("session " + session.uuid() + " is already registered");
        }
        created.incrementAndGet();
    }

    /** @return true if this call removed it (so teardown accounting happens once) */
    public boolean remove(MediaSession session) {
        synchronized (this) {
            if (!sessions.remove(session.uuid(), session)) {
                return false;
            }
            retired = retired.plus(SessionCounters.of(session));
        }
        destroyed.incrementAndGet();
        return true;
    }

    /** The counters of every session registered since start, live and removed. */
    public synchronized SessionCounters lifetimeCounters() {
        SessionCounters sum = retired;
        for (MediaSession s : sessions.values()) {
            sum = sum.plus(SessionCounters.of(s));
        }
        return sum;
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
