package org.audiostream.media;

/**
 * Tells whether a clock shard is overloaded: its ticks start so late that the calls it carries lose
 * audio. Ticks are judged in windows of one second ({@value #WINDOW_TICKS} ticks): a window in which at
 * least {@value #TRIP_TICKS} ticks started {@code thresholdNanos} or more after their deadline trips it
 * (one stall of a few frames, a GC or a JIT hiccup, does not), a window without any such tick clears it.
 * While tripped the gateway takes no new call, so the calls already up keep their audio.
 *
 * <p>Threads: {@link #onTick} on the shard thread only; {@link #overloaded()} and
 * {@link #lateTicksInLastWindow()} from any thread.
 */
final class ClockOverloadWatch {

    static final int WINDOW_TICKS = 50;
    static final int TRIP_TICKS = 5;

    private final long thresholdNanos;
    private int ticksInWindow;
    private int lateInWindow;
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
        ticksInWindow = 0;
        lateInWindow = 0;
        lateTicksInLastWindow = late;
        boolean was = overloaded;
        boolean now = was ? late > 0 : late >= TRIP_TICKS;
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
