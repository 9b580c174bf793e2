package org.audiostream.media;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of {@link PolyphaseResampler#process} for one 20 ms frame, to compare with speexdsp
 * quality 5 ({@code target/speex_resample --time IN OUT 5 20000}, built by PolyphaseResamplerSpeexIT).
 * Run: {@code java -cp ... org.openjdk.jmh.Main PolyphaseResamplerBenchmark -f 1 -wi 2 -w 1s -i 3 -r 1s}
 * and add {@code -prof gc} to see that a call allocates nothing.
 *
 * <p>Threads: JMH runs each benchmark on one thread with its own state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PolyphaseResamplerBenchmark {

    @Param({"8000:16000", "8000:24000", "16000:8000", "24000:8000", "48000:8000"})
    public String rates;

    @Param({"STANDARD"})
    public PolyphaseResampler.Quality quality;

    private PolyphaseResampler resampler;
    private short[] frame;
    private short[] out;

    @Setup
    public void setUp() {
        String[] r = rates.split(":");
        int inRate = Integer.parseInt(r[0]);
        resampler = PolyphaseResampler.create(inRate, Integer.parseInt(r[1]), quality);
        frame = new short[inRate / 50];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (short) random.nextInt(-8192, 8192);
        }
        out = new short[resampler.maxOutput(frame.length)];
    }

    @Benchmark
    public short[] frame20ms() {
        resampler.process(frame, 0, frame.length, out, 0);
        return out;
    }
}
