package org.audiostream.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.audiostream.media.PolyphaseResampler.Quality;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolyphaseResamplerTest {

    static Stream<Arguments> ratePairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (Quality quality : Quality.values()) {
            for (int in : PolyphaseResampler.RATES) {
                for (int out : PolyphaseResampler.RATES) {
                    pairs.add(Arguments.of(in, out, quality));
                }
            }
        }
        return pairs.stream();
    }

    /** Speech-like test signal: a chirp over the whole band plus noise, loud enough to clip a little. */
    private static short[] signal(int rate, double seconds, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        short[] s = new short[(int) (rate * seconds)];
        double phase = 0;
        for (int i = 0; i < s.length; i++) {
            double f = 50 + (rate / 2.0 - 50) * i / s.length;
            phase += 2 * Math.PI * f / rate;
            double v = 20000 * Math.sin(phase) + random.nextGaussian() * 6000;
            s[i] = (short) Math.max(-32768, Math.min(32767, Math.round(v)));
        }
        return s;
    }

    private static short[] whole(PolyphaseResampler r, short[] in) {
        short[] out = new short[r.maxOutput(in.length)];
        int n = r.process(in, 0, in.length, out, 0);
        return Arrays.copyOf(out, n);
    }

    @ParameterizedTest(name = "{0} -> {1} Hz {2}")
    @MethodSource("ratePairs")
    void randomChunksGiveExactlyTheWholeSignalResult(int inRate, int outRate, Quality quality) {
        short[] in = signal(inRate, 0.25, inRate * 31L + outRate);
        short[] expected = whole(PolyphaseResampler.create(inRate, outRate, quality), in);

        PolyphaseResampler chunked = PolyphaseResampler.create(inRate, outRate, quality);
        SplittableRandom random = new SplittableRandom(outRate);
        short[] out = new short[expected.length + 10];
        int consumed = 0;
        int written = 0;
        while (consumed < in.length) {
            // 0..2.5 blocks: empty calls, single samples, and calls split into several internal blocks
            int len = Math.min(in.length - consumed, random.nextInt(10) == 0 ? random.nextInt(2600) : random.nextInt(40));
            int n = chunked.process(in, consumed, len, out, written);
            assertThat(n).isLessThanOrEqualTo(chunked.maxOutput(len));
            consumed += len;
            written += n;
            // n inputs in total give ceil(n * outRate / inRate) outputs in total
            assertThat((long) written).isEqualTo(((long) consumed * outRate + inRate - 1) / inRate);
        }
        assertThat(Arrays.copyOf(out, written)).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0} -> {1} Hz {2}")
    @MethodSource("ratePairs")
    void aPassbandSineComesOutDelayedByDelayWithUnitGain(int inRate, int outRate, Quality quality) {
        PolyphaseResampler r = PolyphaseResampler.create(inRate, outRate, quality);
        double f = 440;
        double amplitude = 12000;
        short[] out = whole(r, ResamplerMetrics.sine(f, inRate, inRate / 5, amplitude));
        int d = r.delay();
        double worst = 0;
        for (int j = 2 * d + outRate / 100; j < out.length; j++) {
            double ideal = amplitude * Math.sin(2 * Math.PI * f * (j - d) / outRate);
            worst = Math.max(worst, Math.abs(out[j] - ideal));
        }
        // 0.5 LSB of input rounding and 0.5 of output rounding, plus the filter's tiny ripple
        assertThat(worst).as(r.toString()).isLessThan(1.5);
    }

    @Test
    void equalRatesCopy() {
        PolyphaseResampler r = PolyphaseResampler.create(16000, 16000, Quality.STANDARD);
        short[] in = signal(16000, 0.02, 1);
        short[] out = new short[in.length + 2];
        assertThat(r.process(in, 0, in.length, out, 2)).isEqualTo(in.length);
        assertThat(Arrays.copyOfRange(out, 2, out.length)).containsExactly(in);
        assertThat(r.delay()).isZero();
        assertThat(r.maxOutput(320)).isEqualTo(320);
    }

    @Test
    void twentyMillisecondFramesGiveTwentyMillisecondFrames() {
        int[][] pairs = {{8000, 16000}, {8000, 24000}, {24000, 8000}, {48000, 8000}, {16000, 24000}, {44100, 8000},
            {8000, 44100}, {22050, 8000}};
        for (int[] p : pairs) {
            PolyphaseResampler r = PolyphaseResampler.create(p[0], p[1], Quality.STANDARD);
            short[] frame = new short[p[0] / 50];
            short[] out = new short[r.maxOutput(frame.length)];
            assertThat(out.length).isEqualTo(p[1] / 50);
            for (int i = 0; i < 10; i++) {
                assertThat(r.process(frame, 0, frame.length, out, 0)).isEqualTo(p[1] / 50);
            }
        }
    }

    @Test
    void resetForgetsEarlierInput() {
        short[] first = signal(8000, 0.1, 5);
        short[] second = signal(8000, 0.1, 6);
        PolyphaseResampler used = PolyphaseResampler.create(8000, 24000, Quality.STANDARD);
        whole(used, first);
        used.reset();
        assertThat(whole(used, second)).containsExactly(whole(PolyphaseResampler.create(8000, 24000, Quality.STANDARD), second));
    }

    @Test
    void filterBanksAreSharedPerRatioAndQuality() {
        assertThat(PolyphaseFilter.of(2, 1, Quality.STANDARD)).isSameAs(PolyphaseFilter.of(2, 1, Quality.STANDARD));
        assertThat(PolyphaseFilter.of(2, 1, Quality.STANDARD)).isNotSameAs(PolyphaseFilter.of(2, 1, Quality.HIGH));
        // 8000 -> 16000 and 16000 -> 32000 are both L/M = 2/1
        assertThat(PolyphaseResampler.create(8000, 16000, Quality.STANDARD).toString())
                .isEqualTo("PolyphaseResampler[8000 -> 16000 Hz, STANDARD, L/M=2/1, taps=116, delay=112, PhaseClassKernel]");
        assertThat(PolyphaseResampler.create(44100, 8000, Quality.STANDARD).toString())
                .isEqualTo("PolyphaseResampler[44100 -> 8000 Hz, STANDARD, L/M=80/441, taps=620, delay=56, DirectKernel]");
    }

    @Test
    void rejectsUnsupportedRates() {
        assertThatThrownBy(() -> PolyphaseResampler.create(11030, 8000, Quality.STANDARD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resampler rate not supported: inRate=11030 not in 8000-96000 Hz in steps of 25");
        assertThatThrownBy(() -> PolyphaseResampler.create(8000, 96025, Quality.STANDARD))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(PolyphaseResampler.nearestSupported(8001)).isEqualTo(8000);
        assertThat(PolyphaseResampler.nearestSupported(11030)).isEqualTo(11025);
        assertThat(PolyphaseResampler.nearestSupported(200_000)).isEqualTo(96000);
        assertThatThrownBy(() -> PolyphaseResampler.create(8000, 0, Quality.STANDARD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("resampler rate not supported: outRate=0 not in");
    }

    @Test
    void anOutputArrayWithoutRoomIsRejectedBeforeAnythingIsConsumed() {
        PolyphaseResampler r = PolyphaseResampler.create(8000, 16000, Quality.STANDARD);
        short[] in = signal(8000, 0.04, 9);
        short[] small = new short[319];
        assertThatThrownBy(() -> r.process(in, 0, 160, small, 0))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("resampler output does not fit: needed=320 > room=319 (8000 -> 16000 Hz, inLen=160, "
                        + "outOff=0, out.length=319)");
        assertThat(whole(r, in)).containsExactly(whole(PolyphaseResampler.create(8000, 16000, Quality.STANDARD), in));
        assertThatThrownBy(() -> r.process(in, 300, 100, new short[400], 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void processAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        PolyphaseResampler up = PolyphaseResampler.create(8000, 24000, Quality.STANDARD);
        PolyphaseResampler down = PolyphaseResampler.create(44100, 16000, Quality.STANDARD);
        short[] frame8k = signal(8000, 0.02, 3);
        short[] frame44k = signal(44100, 0.02, 4);
        short[] out = new short[1000];
        for (int i = 0; i < 2000; i++) {
            up.process(frame8k, 0, frame8k.length, out, 0);
            down.process(frame44k, 0, frame44k.length, out, 0);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        long overhead = threads.getCurrentThreadAllocatedBytes() - before;
        before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1000; i++) {
            up.process(frame8k, 0, frame8k.length, out, 0);
            down.process(frame44k, 0, frame44k.length, out, 0);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before - overhead;
        assertThat(threads.isThreadAllocatedMemoryEnabled()).isTrue();
        assertThat(allocated).isZero();
    }
}
