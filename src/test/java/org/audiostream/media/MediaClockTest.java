package org.audiostream.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MediaClockTest {

    private final ManualNanoClock time = new ManualNanoClock(0);

    @Test
    void registersOnTheLeastLoadedShard() {
        MediaClock clock = new MediaClock(new MediaClockSettings(3, 5), time, TaskFailureListener.NONE);
        ClockRegistration[] registrations = new ClockRegistration[7];
        for (int i = 0; i < registrations.length; i++) {
            registrations[i] = clock.register(tick -> { });
        }
        assertThat(clock.shards()).extracting(ClockShard::load).containsExactly(3, 2, 2);
        assertThat(registrations[4].shard().name()).isEqualTo("media-clock-1");

        registrations[4].unregister();
        registrations[1].unregister();
        assertThat(clock.shards()).extracting(ClockShard::load).containsExactly(3, 0, 2);
        assertThat(clock.register(tick -> { }).shard().name()).isEqualTo("media-clock-1");
        assertThat(clock.stats()).extracting(ClockShardStats::tasks).containsExactly(3, 1, 2);
    }

    @Test
    void manualModeRunsNoThreadsAndTheStartedModeRejectsManualTicks() {
        MediaClock clock = new MediaClock(new MediaClockSettings(1, 5), NanoClock.SYSTEM, TaskFailureListener.NONE);
        ClockShard shard = clock.shards().get(0);
        assertThat(shard.thread()).isNull();
        assertThat(shard.inShardThread()).isTrue();
        clock.start();
        try {
            assertThat(shard.inShardThread()).isFalse();
            assertThatThrownBy(() -> shard.tickOnce(0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("clock shard tickOnce rejected: media-clock-0 runs its own thread (manual mode only)");
            assertThatThrownBy(clock::start).hasMessage("media clock start rejected: already started");
        } finally {
            clock.close();
        }
    }

    @Test
    void aClosedClockRejectsRegistrations() {
        MediaClock clock = new MediaClock(new MediaClockSettings(2, 5), time, TaskFailureListener.NONE);
        clock.close();
        clock.close();
        assertThatThrownBy(() -> clock.register(tick -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("media clock register rejected: clock closed (shards=2)");
    }

    @Test
    void aFullCommandQueueRejectsTheRegistration() {
        MediaClock clock = new MediaClock(new MediaClockSettings(1, 5), time, TaskFailureListener.NONE);
        for (int i = 0; i < ClockShard.COMMAND_QUEUE_CAPACITY; i++) {
            clock.register(tick -> { });
        }
        assertThatThrownBy(() -> clock.register(tick -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("media clock register rejected: media-clock-0 command queue full: pending=4096 >= "
                        + "capacity=4096 (tasks=4096)");
        assertThat(clock.shards().get(0).load()).isEqualTo(4096);
        clock.shards().get(0).tickOnce(0); // drains the queue
        clock.register(tick -> { });
        assertThat(clock.shards().get(0).load()).isEqualTo(4097);
    }

    @Test
    void rejectsSettingsOutOfRange() {
        assertThatThrownBy(() -> new MediaClockSettings(0, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("media clock rejected: shards=0 outside [1, 1024]");
        assertThatThrownBy(() -> new MediaClockSettings(2, -1))
                .hasMessage("media clock rejected: maxCatchUpTicks=-1 outside [0, 50]");
        assertThat(MediaClockSettings.defaults().shards()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }
}
