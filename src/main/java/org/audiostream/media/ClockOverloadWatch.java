package org.audiostream.media;

/**
 * Tells whether a clock shard is overloaded: its ticks start so late that the calls it carries lose
 * audio. Ticks are judged in windows of one second ({@value #WINDOW_TICKS} ticks), a tick being late when it
 * started {@code thresholdNanos} or more after its deadline: two windows in a row with at least
 * {@value #TRIP_TICKS} late ticks each trip it (a stall of a few frames, a GC or the JIT compiling while the
 * first calls arrive, does not), a window with at most {@value #CLEAR_TICKS} clears it. While tripped the
 * gateway takes no new call, so the calls already up keep their audio.
 *
 * <p>Threads: {@link #onTick} on the shard thread only; {@link #overloaded()} and
 * {@link #lateTicksInLastWindow()} from any thread.
 */
final class ClockOverloadWatch {

    static final int WINDOW_TICKS = 50;
    static final int TRIP_TICKS = 5;
    static final int CLEAR_TICKS = 1;

    private final long thresholdNanos;
    private int ticksInWindow;
    private int lateInWindow;
    private int lateInPreviousWindow;
    private volatile int lateTicksInLastWindow;
    private volatile boolean overloaded;

    /** @param thresholdNanos how late a tick must start to count; 0 turns the watch off */
    ClockOverloadWatch(long thresholdNanos) {
        if (thresholdNanos < 0) {
            throw new IllegalArgumentException("clock overload watch rejected: thresholdNanos=" + thresholdNanos + " < 0");
        }
        this.thresholdNanos = thresholdNanos;
    }

    /** Judges one tick; returns true when this tick changed {@link #overloaded()}. */
    boolean onTick(long lateByNanos) {
        if (thresholdNanos == 0) {
            return false;
        }
        if (lateByNanos >= thresholdNanos) {
            lateInWindow++;
        }
        if (++ticksInWindow < WINDOW_TICKS) {
            return false;
        }
        int late = lateInWindow;
        int before = lateInPreviousWindow;
        ticksInWindow = 0;
        lateInWindow = 0;
        lateInPreviousWindow = late;
        lateTicksInLastWindow = late;
        boolean was = overloaded;
        boolean now = was ? late > CLEAR_TICKS : late >= TRIP_TICKS && before >= TRIP_TICKS;
        overloaded = now;
        return now != was;
    }

    boolean overloaded() {
        return overloaded;
    }

    /** Ticks of the last complete window that started at least the threshold late. */
    int lateTicksInLastWindow() {
        return lateTicksInLastWindow;
    }
}
