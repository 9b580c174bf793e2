package org.audiostream.app.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.audiostream.event.Event;
import org.audiostream.stream.ai.AiEventBodies;
import org.audiostream.stream.ws.EventBodies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints each gateway event on one line: subclass, session and body. The session uuid is printed
 * in full on {@code call::created} (it is what the API needs) and shortened after that. The
 * per-chunk {@code mod_audio_stream::play} events are counted, not printed.
 * Threads: called on the event bus's dispatch thread; the other methods from any thread.
 */
final class EventPrinter implements Consumer<Event> {

    private static final int SHORT_UUID = 8;
    private static final String CREATED = "call::created";
    private static final String HANGUP = "call::hangup";
    /** Where a stream's end shows: the WS stream's disconnect, or AI mode's last state. */
    private static final String STREAM_END = "stream end";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PrintStream out;
    private final AtomicLong playEvents = new AtomicLong();
    /** Sessions whose last events were printed and nobody has awaited yet (a few bytes per call). */
    private final Set<String> ended = ConcurrentHashMap.newKeySet();

    EventPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void accept(Event e) {
        if (e.subclass().equals(EventBodies.PLAY)) {
            playEvents.incrementAndGet();
            return;
        }
        String uuid = e.sessionUuid() == null ? "-"
                : e.subclass().equals(CREATED) || e.sessionUuid().length() <= SHORT_UUID ? e.sessionUuid()
                : e.sessionUuid().substring(0, SHORT_UUID);
        out.println("  event " + e.subclass() + " [" + uuid + "] " + e.body());
        if (e.sessionUuid() == null) {
            return;
        }
        switch (e.subclass()) {
            case HANGUP -> ended.add(HANGUP + " " + e.sessionUuid());
            case EventBodies.DISCONNECT -> ended.add(STREAM_END + " " + e.sessionUuid());
            case AiEventBodies.STATE -> {
                if (JSON.readTree(e.body()).path("state").asString().equals("SHUTDOWN")) {
                    ended.add(STREAM_END + " " + e.sessionUuid());
                }
            }
            default -> { }
        }
    }

    /**
     * Waits until the {@code call::hangup} and the stream's end ({@code mod_audio_stream::disconnect}, or the
     * {@code ai_state} SHUTDOWN) of session {@code uuid} have been printed, so that what the demo prints next
     * comes after them.
     */
    boolean awaitEnd(String uuid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean hungUp = false;
        boolean disconnected = false;
        while (true) {
            hungUp |= ended.remove(HANGUP + " " + uuid);
            disconnected |= ended.remove(STREAM_END + " " + uuid);
            if (hungUp && disconnected) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(10_000_000L);
        }
    }

    long playEvents() {
        return playEvents.get();
    }
}
