package org.audiostream.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClockOverloadWatchTest {

    private static final long THRESHOLD = TimeUnit.MILLISECONDS.toNanos(20);
    private final ClockOverloadWatch watch = new ClockOverloadWatch(THRESHOLD);

    /** Runs one one-second window in which {@code late} ticks start at the threshold; returns the last tick's result. */
    private boolean window(int late) {
        boolean changed = false;
        for (int i = 0; i < ClockOverloadWatch.WINDOW_TICKS; i++) {
            changed = watch.onTick(i < late ? THRESHOLD : THRESHOLD - 1);
        }
        return changed;
    }

    @Test
    void aFewLateTicksInASecondAreAHiccupNotOverload() {
        assertThat(window(ClockOverloadWatch.TRIP_TICKS - 1)).isFalse();
        assertThat(window(ClockOverloadWatch.TRIP_TICKS - 1)).isFalse();
        assertThat(watch.overloaded()).isFalse();
        assertThat(watch.lateTicksInLastWindow()).isEqualTo(ClockOverloadWatch.TRIP_TICKS - 1);
    }

    @Test
    void oneBadSecondAloneIsAHiccupEvenAmongGoodOnes() {
        assertThat(window(ClockOverloadWatch.WINDOW_TICKS)).isFalse();   // e.g. the JIT compiling at the first calls
        assertThat(window(0)).isFalse();
        assertThat(window(ClockOverloadWatch.TRIP_TICKS)).isFalse();
        assertThat(watch.overloaded()).isFalse();
    }

    @Test
    void tripsOnTwoBadSecondsInARowAndHoldsUntilASecondWithAtMostOneLateTick() {
        assertThat(window(ClockOverloadWatch.TRIP_TICKS)).isFalse();
        assertThat(window(ClockOverloadWatch.TRIP_TICKS)).isTrue();
        assertThat(watch.overloaded()).isTrue();
        assertThat(window(ClockOverloadWatch.CLEAR_TICKS + 1)).isFalse();
        assertThat(watch.overloaded()).as("two late ticks keep it overloaded").isTrue();
        assertThat(window(ClockOverloadWatch.CLEAR_TICKS)).isTrue();
        assertThat(watch.overloaded()).isFalse();
    }

    @Test
    void decidesOnlyAtTheEndOfAWindow() {
        window(ClockOverloadWatch.WINDOW_TICKS);
        for (int i = 0; i < ClockOverloadWatch.WINDOW_TICKS - 1; i++) {
            assertThat(watch.onTick(THRESHOLD * 5)).isFalse();
        }
        assertThat(watch.overloaded()).isFalse();
        assertThat(watch.onTick(0)).isTrue();
        assertThat(watch.overloaded()).isTrue();
    }

    @Test
    void thresholdZeroTurnsItOff() {
        ClockOverloadWatch off = new ClockOverloadWatch(0);
        for (int i = 0; i < 10 * ClockOverloadWatch.WINDOW_TICKS; i++) {
            assertThat(off.onTick(TimeUnit.SECONDS.toNanos(1))).isFalse();
        }
        assertThat(off.overloaded()).isFalse();
        assertThatThrownBy(() -> new ClockOverloadWatch(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("thresholdNanos=-1");
    }
}
