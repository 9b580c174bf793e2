package org.audiostream.fakes.realtime;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What a session keeps for a test to look at, bounded: text frames and audio bytes up to a shared byte
 * budget ({@link FakeRealtimeConfig#recordLimitBytes()} per session); past it, new entries are counted
 * but not kept.
 *
 * <p>Threads: written by the session's event loop, read by any thread; every method is synchronized and
 * readers get copies.
 */
final class Recording {

    private final long limitBytes;
    private long usedBytes;
    private long dropped;
    private final List<String> entries = new ArrayList<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Recording(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    synchronized void add(String entry) {
        if (reserve(entry.length())) {
            entries.add(entry);
        }
    }

    synchronized void add(byte[] data, int offset, int length) {
        if (reserve(length)) {
            bytes.write(data, offset, length);
        }
    }

    synchronized List<String> entries() {
        return List.copyOf(entries);
    }

    synchronized byte[] bytes() {
        return bytes.toByteArray();
    }

    /** Entries and byte runs that did not fit the budget. */
    synchronized long dropped() {
        return dropped;
    }

    private boolean reserve(long size) {
        if (usedBytes + size > limitBytes) {
            dropped++;
            return false;
        }
        usedBytes += size;
        return true;
    }
}
