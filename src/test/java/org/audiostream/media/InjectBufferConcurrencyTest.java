package org.audiostream.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * One producer (overflowing, placing marks), one consumer and one barge-in thread calling clear()
 * race on a small buffer. Every sample carries its sequence number (mod 2^16); the consumer
 * rebuilds the full number and checks that playout is strictly increasing, contiguous within a
 * frame, and that the gaps add up exactly to the samples the counters say were dropped.
 */
class InjectBufferConcurrencyTest {

    private static final int FRAME = 160;
    private static final long TOTAL_SAMPLES = 3_000_000;
    /**
     * Test pacing, so that the samples dropped between two consecutive played samples stay far
     * below 2^16 and the 16-bit sequence numbers can be rebuilt unambiguously: the producer stays
     * within this many samples of the consumer's next expected sample, except for one chunk per
     * consumer frame; the clearing thread clears at most once every {@link #FRAMES_PER_CLEAR}
     * consumer frames. Neither limit touches the buffer's own synchronisation.
     */
    private static final long MAX_LEAD = 16_000;
    private static final long FRAMES_PER_CLEAR = 4;

    @Test
    void noSampleIsDuplicatedReorderedOrLostUnaccounted() throws Exception {
        MarkLog marks = new MarkLog();
        InjectBuffer buffer = new InjectBuffer(100, 5, 8000, marks); // 800 samples, 40-sample prebuffer
        AtomicLong framesRead = new AtomicLong();
        AtomicLong consumerNext = new AtomicLong();
        AtomicBoolean producerDone = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Long> acceptedMarks = new ArrayList<>();
        long[] rejectedMarks = new long[1];

        Thread producer = new Thread(() -> {
            SplittableRandom random = new SplittableRandom(7);
            short[] chunk = new short[1200];
            long sequence = 0;
            long escapeFrame = -1;
            try {
                while (sequence < TOTAL_SAMPLES) {
                    if (sequence - consumerNext.get() > MAX_LEAD) {
                        long frame = framesRead.get();
                        if (frame == escapeFrame) {
                            Thread.onSpinWait();
                            continue;
                        }
                        escapeFrame = frame;
                    }
                    int size = (int) Math.min(TOTAL_SAMPLES - sequence, 1 + random.nextInt(chunk.length));
                    for (int i = 0; i < size; i++) {
                        chunk[i] = (short) (sequence + i);
                    }
                    buffer.write(chunk, 0, size, System.nanoTime());
                    sequence += size;
                    if (random.nextInt(8) == 0) {
                        try {
                            buffer.mark(Long.toString(sequence));
                            acceptedMarks.add(sequence);
                        } catch (IllegalStateException tooMany) {
                            rejectedMarks[0]++;
                        }
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                producerDone.set(true);
            }
        }, "test-inject-producer");

        Thread barger = new Thread(() -> {
            long clearedAtFrame = 0;
            while (!producerDone.get()) {
                long frame = framesRead.get();
                if (frame - clearedAtFrame >= FRAMES_PER_CLEAR) {
                    buffer.clear();
                    clearedAtFrame = frame;
                }
                LockSupport.parkNanos(200_000);
            }
        }, "test-inject-clear");

        BitSet played = new BitSet();
        long next = 0;
        long gaps = 0;
        long maxGap = 0;
        short[] out = new short[FRAME];
        producer.start();
        barger.start();
        int idleAfterDone = 0;
        while (idleAfterDone < 3) {
            int n = buffer.read(out, 0, FRAME);
            framesRead.incrementAndGet();
            for (int i = 0; i < n; i++) {
                long s = next + (((out[i] & 0xFFFF) - (next & 0xFFFF)) & 0xFFFF);
                if (i > 0) {
                    assertThat(s).as("contiguous within a frame").isEqualTo(next);
                }
                gaps += s - next;
                maxGap = Math.max(maxGap, s - next);
                played.set((int) s);
                next = s + 1;
            }
            for (int i = n; i < FRAME; i++) {
                assertThat(out[i]).as("padding").isZero();
            }
            consumerNext.set(next);
            marks.checkAgainst(played);
            boolean done = producerDone.get() && n == 0 && buffer.inUseSamples() == 0
                    && buffer.stats().marksOutstanding() == 0;
            idleAfterDone = done ? idleAfterDone + 1 : 0;
        }
        producer.join();
        barger.join();
        assertThat(failure.get()).isNull();

        InjectStats stats = buffer.stats();
        long dropped = stats.samplesDroppedByOverflow() + stats.samplesDroppedByReset()
                + stats.samplesDroppedByClear();
        assertThat(stats.samplesWritten()).isEqualTo(TOTAL_SAMPLES);
        assertThat(stats.samplesPlayed()).isEqualTo(played.cardinality());
        assertThat(gaps + (TOTAL_SAMPLES - next)).as("gaps seen = samples dropped").isEqualTo(dropped);
        assertThat(stats.samplesPlayed() + dropped).isEqualTo(TOTAL_SAMPLES);
        assertThat(maxGap).isLessThan(1 << 16);
        // The race really happened on every path.
        assertThat(stats.overflows()).isPositive();
        assertThat(stats.backlogResets()).isPositive();
        assertThat(stats.samplesDroppedByClear()).isPositive();
        assertThat(stats.samplesPlayed()).isPositive();
        // Every accepted mark was reported exactly once, in order; rejected ones never.
        assertThat(marks.reportedPositions).isEqualTo(acceptedMarks);
        assertThat(stats.marksRejected()).isEqualTo(rejectedMarks[0]);
        assertThat(stats.marksPlayed()).isPositive();
        assertThat(stats.marksCleared()).isPositive();
    }

    /** Records mark reports on the consumer thread and checks them against the samples played. */
    private static final class MarkLog implements InjectListener {
        final List<Long> reportedPositions = new ArrayList<>();
        private final List<Long> pendingPlayed = new ArrayList<>();
        private final List<Long> pendingCleared = new ArrayList<>();

        @Override
        public void onMarkPlayed(String name) {
            long position = Long.parseLong(name);
            reportedPositions.add(position);
            pendingPlayed.add(position);
        }

        @Override
        public void onMarkCleared(String name) {
            long position = Long.parseLong(name);
            reportedPositions.add(position);
            pendingCleared.add(position);
        }

        /** A played mark's preceding sample was played; a cleared mark's was not. */
        void checkAgainst(BitSet played) {
            for (long position : pendingPlayed) {
                assertThat(played.get((int) position - 1)).as("sample before played mark %d", position).isTrue();
            }
            for (long position : pendingCleared) {
                assertThat(played.get((int) position - 1)).as("sample before cleared mark %d", position).isFalse();
            }
            pendingPlayed.clear();
            pendingCleared.clear();
        }
    }
}
