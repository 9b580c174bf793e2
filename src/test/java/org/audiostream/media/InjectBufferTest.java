package org.audiostream.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InjectBufferTest {

    private static final int FRAME = 160; // 20 ms at 8 kHz
    private static final long MS = 1_000_000L;

    private final RecordingListener events = new RecordingListener();
    private int nextValue;

    /** Writes {@code count} samples carrying consecutive values (the sample's sequence number). */
    private void writeCounted(InjectBuffer buffer, int count, long nowNanos) {
        short[] pcm = new short[count];
        for (int i = 0; i < count; i++) {
            pcm[i] = (short) nextValue++;
        }
        buffer.write(pcm, 0, count, nowNanos);
    }

    private static short[] range(int from, int toExclusive) {
        short[] values = new short[toExclusive - from];
        for (int i = 0; i < values.length; i++) {
            values[i] = (short) (from + i);
        }
        return values;
    }

    @Test
    void capacityIsRateTimesMilliseconds() {
        assertThat(new InjectBuffer(5000, 200, 8000, InjectListener.NONE).capacitySamples()).isEqualTo(40_000);
        assertThat(new InjectBuffer(5000, 200, 16000, InjectListener.NONE).capacitySamples()).isEqualTo(80_000);
        assertThat(new InjectBuffer(100, 0, 8000, InjectListener.NONE).capacitySamples()).isEqualTo(800);
    }

    @Test
    void rejectsValuesOutOfRangeWithThePreciseReason() {
        assertThatThrownBy(() -> new InjectBuffer(5000, 200, 0, InjectListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inject buffer rejected: sampleRate=0 <= 0");
        assertThatThrownBy(() -> new InjectBuffer(0, 0, 8000, InjectListener.NONE))
                .hasMessage("inject buffer rejected: AUDIO_STREAM_INJECT_BUFFER_MS=0 gives 0 samples, "
                        + "outside [1, 2147483639] (sampleRate=8000)");
        assertThatThrownBy(() -> new InjectBuffer(100, 200, 8000, InjectListener.NONE))
                .hasMessage("inject buffer rejected: AUDIO_STREAM_INJECT_MIN_BUFFER_MS=200 outside "
                        + "[0, AUDIO_STREAM_INJECT_BUFFER_MS=100] (sampleRate=8000)");
        assertThatThrownBy(() -> new InjectBuffer(100, -1, 8000, InjectListener.NONE))
                .hasMessage("inject buffer rejected: AUDIO_STREAM_INJECT_MIN_BUFFER_MS=-1 outside "
                        + "[0, AUDIO_STREAM_INJECT_BUFFER_MS=100] (sampleRate=8000)");
    }

    @Test
    void oddSizedWritesComeOutSampleExactAcrossTheWrap() {
        InjectBuffer buffer = new InjectBuffer(10, 0, 8000, events); // 80 samples
        short[] out = new short[16];
        List<Short> played = new ArrayList<>();
        int[] writes = {7, 13, 29, 1, 31, 3, 17, 11, 23, 5, 19, 2, 37, 41};
        int total = 0;
        for (int size : writes) {
            writeCounted(buffer, size, 0);
            total += size;
            int n = buffer.read(out, 0, 16);
            for (int i = 0; i < n; i++) {
                played.add(out[i]);
            }
        }
        int n;
        while ((n = buffer.read(out, 0, 16)) > 0) {
            for (int i = 0; i < n; i++) {
                played.add(out[i]);
            }
        }
        assertThat(played).hasSize(total);
        for (int i = 0; i < total; i++) {
            assertThat(played.get(i)).isEqualTo((short) i);
        }
        InjectStats stats = buffer.stats();
        assertThat(stats.samplesWritten()).isEqualTo(total);
        assertThat(stats.samplesPlayed()).isEqualTo(total);
        assertThat(stats.overflows()).isZero();
        assertThat(stats.inUseSamples()).isZero();
    }

    @Test
    void playsTheTailShorterThanTheMinimumInsteadOfHoldingIt() {
        InjectBuffer buffer = new InjectBuffer(1000, 200, 8000, events); // min 1600 samples
        writeCounted(buffer, 1700, 0);
        short[] out = new short[FRAME];
        for (int frame = 0; frame < 10; frame++) {
            assertThat(buffer.read(out, 0, FRAME)).as("frame %d", frame).isEqualTo(FRAME);
            assertThat(out).containsExactly(range(frame * FRAME, (frame + 1) * FRAME));
        }
        assertThat(buffer.read(out, 0, FRAME)).isEqualTo(100);
        short[] expected = new short[FRAME];
        System.arraycopy(range(1600, 1700), 0, expected, 0, 100);
        assertThat(out).containsExactly(expected);
        assertThat(buffer.read(out, 0, FRAME)).isZero();
        assertThat(out).containsOnly((short) 0);

        InjectStats stats = buffer.stats();
        assertThat(stats.framesRead()).isEqualTo(12);
        assertThat(stats.underrunFrames()).isEqualTo(1);
        assertThat(stats.samplesPlayed()).isEqualTo(1700);
    }

    @Test
    void aPromptShorterThanTheMinimumStartsAfterWaitingTheMinimum() {
        InjectBuffer buffer = new InjectBuffer(1000, 200, 8000, events);
        writeCounted(buffer, 800, 0); // 100 ms < 200 ms minimum
        short[] out = new short[FRAME];
        for (int tick = 0; tick < 10; tick++) {
            assertThat(buffer.read(out, 0, FRAME)).as("tick %d", tick).isZero();
        }
        for (int frame = 0; frame < 5; frame++) {
            assertThat(buffer.read(out, 0, FRAME)).isEqualTo(FRAME);
            assertThat(out).containsExactly(range(frame * FRAME, (frame + 1) * FRAME));
        }
        assertThat(buffer.read(out, 0, FRAME)).isZero();
        assertThat(buffer.stats().underrunFrames()).isEqualTo(1);
    }

    @Test
    void playoutStartsAsSoonAsTheMinimumIsQueued() {
        InjectBuffer buffer = new InjectBuffer(1000, 200, 8000, events);
        short[] out = new short[FRAME];
        assertThat(buffer.read(out, 0, FRAME)).isZero(); // idle, nothing queued: not waiting
        writeCounted(buffer, 1000, 0);
        assertThat(buffer.read(out, 0, FRAME)).isZero();
        assertThat(buffer.read(out, 0, FRAME)).isZero();
        writeCounted(buffer, 600, 0); // now exactly 1600 queued
        assertThat(buffer.read(out, 0, FRAME)).isEqualTo(FRAME);
        assertThat(out).containsExactly(range(0, FRAME));
    }

    @Test
    void theNextTalkSpurtIsPrebufferedAgainAfterRunningDry() {
        InjectBuffer buffer = new InjectBuffer(1000, 40, 8000, events); // min 320 samples
        short[] out = new short[FRAME];
        writeCounted(buffer, 320, 0);
        assertThat(buffer.read(out, 0, FRAME)).isEqualTo(FRAME);
        assertThat(buffer.read(out, 0, FRAME)).isEqualTo(FRAME);
        assertThat(buffer.read(out, 0, FRAME)).isZero(); // ran dry: underrun, spurt over
        writeCounted(buffer, 200, 0);
        assertThat(buffer.read(out, 0, FRAME)).isZero(); // prebuffering: 200 < 320, waited 0
        assertThat(buffer.read(out, 0, FRAME)).isZero(); // waited 160 < 320
        assertThat(buffer.read(out, 0, FRAME)).isEqualTo(FRAME); // waited 320 >= 320
        assertThat(out).containsExactly(range(320, 480));
        assertThat(buffer.read(out, 0, FRAME)).isEqualTo(40);
        assertThat(buffer.stats().underrunFrames()).isEqualTo(2);
    }

    @Test
    void aChangedPrebufferAppliesFromTheNextTalkSpurtAndNeverExceedsTheCapacity() {
        InjectBuffer buffer = new InjectBuffer(1000, 60, 8000, events); // prebuffer 480 samples
        short[] out = new short[FRAME];
        writeCounted(buffer, 200, 0);
        assertThat(buffer.read(out, 0, FRAME)).as("200 < 480: prebuffering").isZero();
        buffer.prebuffer(20);
        assertThat(buffer.read(out, 0, FRAME)).as("200 >= 160: plays at once").isEqualTo(FRAME);
        assertThat(out).containsExactly(range(0, FRAME));
        assertThat(buffer.read(out, 0, FRAME)).isEqualTo(40);
        buffer.prebuffer(5000);
        writeCounted(buffer, 8000, 0);
        assertThat(buffer.read(out, 0, FRAME)).as("a full buffer is as much prebuffer as there can be").isEqualTo(FRAME);
    }

    @Test
    void aHeldBufferPlaysSilenceConsumesNothingAndGoesOnWhereItStopped() {
        InjectBuffer buffer = new InjectBuffer(1000, 0, 8000, events);
        short[] out = new short[FRAME];
        writeCounted(buffer, 3 * FRAME, 0);
        assertThat(buffer.read(out, 0, FRAME)).isEqualTo(FRAME);
        buffer.hold(true);
        for (int i = 0; i < 5; i++) {
            assertThat(buffer.read(out, 0, FRAME)).isZero();
            assertThat(out).containsOnly((short) 0);
        }
        assertThat(buffer.inUseSamples()).isEqualTo(2 * FRAME);
        buffer.hold(false);
        assertThat(buffer.read(out, 0, FRAME)).isEqualTo(FRAME);
        assertThat(out).containsExactly(range(FRAME, 2 * FRAME));
        assertThat(buffer.stats().underrunFrames()).isZero();

        buffer.hold(true);
        buffer.clearAtPlayhead();
        buffer.hold(false);
        assertThat(buffer.read(out, 0, FRAME)).as("a clear while held drops the rest").isZero();
    }

    @Test
    void overflowDropsExactlyTheOldestSamplesNeeded() {
        InjectBuffer buffer = new InjectBuffer(100, 0, 8000, events); // 800 samples
        writeCounted(buffer, 600, 0);
        writeCounted(buffer, 401, 0);
        InjectStats stats = buffer.stats();
        assertThat(stats.overflows()).isEqualTo(1);
        assertThat(stats.samplesDroppedByOverflow()).isEqualTo(201);
        assertThat(stats.inUseSamples()).isEqualTo(800);
        short[] out = new short[800];
        assertThat(buffer.read(out, 0, 800)).isEqualTo(800);
        assertThat(out).containsExactly(range(201, 1001));
    }

    @Test
    void aWriteLongerThanTheBufferKeepsItsNewestSamples() {
        InjectBuffer buffer = new InjectBuffer(100, 0, 8000, events);
        writeCounted(buffer, 300, 0);
        writeCounted(buffer, 1000, 0);
        InjectStats stats = buffer.stats();
        assertThat(stats.overflows()).isEqualTo(1);
        assertThat(stats.samplesDroppedByOverflow()).isEqualTo(300 + 200);
        short[] out = new short[800];
        assertThat(buffer.read(out, 0, 800)).isEqualTo(800);
        assertThat(out).containsExactly(range(500, 1300));
    }

    @Test
    void moreThanFiveOverflowsWithinOneSecondResetTheBacklog() {
        InjectBuffer buffer = new InjectBuffer(100, 0, 8000, events);
        writeCounted(buffer, 800, 0);
        for (int i = 0; i < 5; i++) {
            writeCounted(buffer, 100, (100 + 100 * i) * MS); // 100..500 ms
        }
        assertThat(events.resets).isEmpty();
        writeCounted(buffer, 100, 1099 * MS); // 6th overflow, 999 ms after the 1st
        assertThat(events.resets).containsExactly("6 in 999000000 ns dropped 700");

        InjectStats stats = buffer.stats();
        assertThat(stats.overflows()).isEqualTo(6);
        assertThat(stats.samplesDroppedByOverflow()).isEqualTo(600);
        assertThat(stats.backlogResets()).isEqualTo(1);
        assertThat(stats.samplesDroppedByReset()).isEqualTo(700);
        assertThat(stats.inUseSamples()).isEqualTo(100);
        short[] out = new short[FRAME];
        assertThat(buffer.read(out, 0, FRAME)).isEqualTo(100);
        assertThat(java.util.Arrays.copyOf(out, 100)).containsExactly(range(1300, 1400));

        // The window restarts: five more overflows right away do not reset again.
        writeCounted(buffer, 800, 1100 * MS);
        for (int i = 0; i < 5; i++) {
            writeCounted(buffer, 10, (1101 + i) * MS);
        }
        assertThat(events.resets).hasSize(1);
    }

    @Test
    void sixOverflowsSpreadOverOneSecondOrMoreDoNotReset() {
        InjectBuffer buffer = new InjectBuffer(100, 0, 8000, events);
        writeCounted(buffer, 800, 0);
        for (int i = 0; i < 12; i++) {
            writeCounted(buffer, 100, 200 * MS * i); // 6 events always span exactly 1000 ms
        }
        assertThat(buffer.stats().overflows()).isEqualTo(12);
        assertThat(buffer.stats().backlogResets()).isZero();
        assertThat(events.resets).isEmpty();
    }

    @Test
    void clearDropsEverythingAndEndsTheSpurtWithoutAnUnderrun() {
        InjectBuffer buffer = new InjectBuffer(1000, 40, 8000, events);
        short[] out = new short[FRAME];
        writeCounted(buffer, 500, 0);
        assertThat(buffer.read(out, 0, FRAME)).isEqualTo(FRAME);
        assertThat(buffer.clear()).isEqualTo(340);
        assertThat(buffer.inUseSamples()).isZero();
        assertThat(buffer.read(out, 0, FRAME)).isZero();
        assertThat(out).containsOnly((short) 0);

        writeCounted(buffer, 400, 0); // new spurt: prebuffered (400 >= 320 starts at once)
        assertThat(buffer.read(out, 0, FRAME)).isEqualTo(FRAME);
        assertThat(out).containsExactly(range(500, 660));

        InjectStats stats = buffer.stats();
        assertThat(stats.clears()).isEqualTo(1);
        assertThat(stats.samplesDroppedByClear()).isEqualTo(340);
        assertThat(stats.underrunFrames()).isZero();
    }

    @Test
    void clearAtPlayheadTellsHowMuchOfTheWrittenAudioWasPlayed() {
        InjectBuffer buffer = new InjectBuffer(1000, 0, 8000, events);
        short[] out = new short[FRAME];
        writeCounted(buffer, 100, 0);
        long itemStart = buffer.writePosition();
        assertThat(itemStart).isEqualTo(100);
        writeCounted(buffer, 800, 100);
        for (int i = 0; i < 3; i++) {
            buffer.read(out, 0, FRAME);
        }
        long playhead = buffer.clearAtPlayhead();
        assertThat(playhead - itemStart).isEqualTo(3 * FRAME - 100);
        assertThat(buffer.inUseSamples()).isZero();
        assertThat(buffer.stats().samplesDroppedByClear()).isEqualTo(900 - 3 * FRAME);
        assertThat(buffer.clearAtPlayhead()).isEqualTo(900);
        assertThat(buffer.read(out, 0, FRAME)).isZero();
    }

    @Test
    void clearWhilePlayingWithNewAudioAlreadyQueuedPrebuffersTheNewSpurt() {
        InjectBuffer buffer = new InjectBuffer(1000, 40, 8000, events);
        short[] out = new short[FRAME];
        writeCounted(buffer, 500, 0);
        assertThat(buffer.read(out, 0, FRAME)).isEqualTo(FRAME);
        buffer.clear();
        writeCounted(buffer, 100, 0); // < 320: the new spurt waits for the minimum
        assertThat(buffer.read(out, 0, FRAME)).isZero();
        assertThat(buffer.read(out, 0, FRAME)).isZero();
        assertThat(buffer.read(out, 0, FRAME)).isEqualTo(100);
        assertThat(java.util.Arrays.copyOf(out, 100)).containsExactly(range(500, 600));
    }

    @Test
    void marksArePlayedWhenPlayoutPassesTheirPosition() {
        InjectBuffer buffer = new InjectBuffer(1000, 0, 8000, events);
        short[] out = new short[FRAME];
        buffer.mark("start"); // nothing written yet: played at the next frame
        writeCounted(buffer, 300, 0);
        buffer.mark("a");
        writeCounted(buffer, 100, 0);
        buffer.mark("b");
        buffer.mark("b2");

        buffer.read(out, 0, FRAME); // 0..159
        assertThat(events.marks).containsExactly("played start");
        buffer.read(out, 0, FRAME); // 160..319 passes 300
        assertThat(events.marks).containsExactly("played start", "played a");
        buffer.read(out, 0, FRAME); // 320..399 passes 400
        assertThat(events.marks).containsExactly("played start", "played a", "played b", "played b2");

        buffer.mark("after"); // everything before it was played
        buffer.read(out, 0, FRAME);
        assertThat(events.marks).endsWith("played after");
        assertThat(buffer.stats().marksPlayed()).isEqualTo(5);
    }

    @Test
    void clearReportsPendingMarksAsCleared() {
        InjectBuffer buffer = new InjectBuffer(1000, 0, 8000, events);
        short[] out = new short[FRAME];
        writeCounted(buffer, 100, 0);
        buffer.mark("played");
        writeCounted(buffer, 300, 0);
        buffer.mark("x");
        writeCounted(buffer, 10, 0);
        buffer.mark("y");
        buffer.read(out, 0, FRAME);
        assertThat(events.marks).containsExactly("played played");
        buffer.clear();
        assertThat(events.marks).hasSize(1); // reported by the consumer, not by clear()
        buffer.read(out, 0, FRAME);
        assertThat(events.marks).containsExactly("played played", "cleared x", "cleared y");

        buffer.mark("z"); // the last sample written before it was cleared
        buffer.read(out, 0, FRAME);
        assertThat(events.marks).endsWith("cleared z");
        assertThat(buffer.stats().marksCleared()).isEqualTo(3);
    }

    @Test
    void overflowReportsMarksWhoseAudioWasDroppedAsCleared() {
        InjectBuffer buffer = new InjectBuffer(100, 0, 8000, events); // 800 samples
        short[] out = new short[FRAME];
        writeCounted(buffer, 400, 0);
        buffer.mark("dropped"); // after sample 399
        writeCounted(buffer, 300, 0);
        buffer.mark("kept"); // after sample 699
        writeCounted(buffer, 500, 0); // drops 0..399
        buffer.read(out, 0, FRAME);
        assertThat(events.marks).containsExactly("cleared dropped");
        assertThat(out).containsExactly(range(400, 560));
        buffer.read(out, 0, FRAME);
        assertThat(events.marks).containsExactly("cleared dropped", "played kept");
    }

    @Test
    void rejectsTheThirtyFirstOutstandingMark() {
        InjectBuffer buffer = new InjectBuffer(1000, 0, 8000, events);
        for (int i = 0; i < 30; i++) {
            buffer.mark("m" + i);
        }
        assertThatThrownBy(() -> buffer.mark("m30"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("inject mark rejected: outstanding=30 >= max=30 (mark name=m30)");
        assertThat(buffer.stats().marksRejected()).isEqualTo(1);
        assertThat(buffer.stats().marksOutstanding()).isEqualTo(30);
        buffer.read(new short[FRAME], 0, FRAME);
        assertThat(events.marks).hasSize(30).startsWith("played m0").endsWith("played m29");
        buffer.mark("m30");
        assertThat(buffer.stats().marksOutstanding()).isEqualTo(1);
    }

    @Test
    void statsGiveTheSeedHealthFields() {
        InjectBuffer buffer = new InjectBuffer(5000, 0, 8000, events);
        short[] out = new short[FRAME];
        writeCounted(buffer, 4000, 0);
        for (int i = 0; i < 3; i++) {
            buffer.read(out, 0, FRAME);
        }
        InjectStats stats = buffer.stats();
        assertThat(stats.bufferCapacityBytes()).isEqualTo(80_000);
        assertThat(stats.bufferInUseBytes()).isEqualTo((4000 - 480) * 2);
        assertThat(stats.bufferFillPct()).isEqualTo(100.0 * 3520 / 40000);
        assertThat(stats.inUseMs()).isEqualTo(440.0);
        assertThat(stats.underrunPct()).isZero();
        assertThat(stats.overflowCount()).isZero();
        buffer.clear();
        buffer.read(out, 0, FRAME);
        writeCounted(buffer, 100, 0);
        buffer.read(out, 0, FRAME); // partial: one underrun in 5 frames
        assertThat(buffer.stats().underrunPct()).isEqualTo(20.0);
    }

    @Test
    void readAndWriteDoNotAllocateInSteadyState() {
        InjectBuffer buffer = new InjectBuffer(100, 20, 8000, InjectListener.NONE);
        short[] in = new short[173];
        short[] out = new short[FRAME];
        long bytes = AllocationProbe.bytesAllocated(20, () -> {
            for (int i = 0; i < 1000; i++) {
                buffer.write(in, 0, in.length, i * 20 * MS);
                buffer.read(out, 0, FRAME);
            }
        });
        assertThat(bytes).as("bytes for 1000 write+read").isLessThan(1000);
        // The overflow and backlog-reset paths were exercised too.
        assertThat(buffer.stats().overflows()).isPositive();
        assertThat(buffer.stats().backlogResets()).isPositive();
    }

    private static final class RecordingListener implements InjectListener {
        final List<String> marks = new ArrayList<>();
        final List<String> resets = new ArrayList<>();

        @Override
        public void onMarkPlayed(String name) {
            marks.add("played " + name);
        }

        @Override
        public void onMarkCleared(String name) {
            marks.add("cleared " + name);
        }

        @Override
        public void onBacklogReset(int overflowsInWindow, long windowNanos, long droppedSamples) {
            resets.add(overflowsInWindow + " in " + windowNanos + " ns dropped " + droppedSamples);
        }
    }
}
