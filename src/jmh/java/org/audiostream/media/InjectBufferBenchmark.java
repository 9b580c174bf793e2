package org.audiostream.media;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Inject-buffer cost of one 20 ms frame at 8 kHz: the producer's write plus the consumer's read,
 * on one thread (the uncontended path the media clock sees). {@code overflowing} writes more than
 * it reads so every write also drops the oldest audio. Run: {@code java -cp ... org.openjdk.jmh.Main
 * InjectBufferBenchmark -f 1 -wi 2 -w 1s -i 3 -r 1s -prof gc}.
 *
 * <p>Threads: JMH runs each benchmark on one thread with its own state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class InjectBufferBenchmark {

    private final InjectBuffer buffer = new InjectBuffer(5000, 60, 8000, InjectListener.NONE);
    private final InjectBuffer full = new InjectBuffer(100, 0, 8000, InjectListener.NONE);
    private final short[] in = new short[320];
    private final short[] out = new short[160];
    private long now;

    @Benchmark
    public int writeAndReadFrame() {
        buffer.write(in, 0, 160, now += 20_000_000L);
        return buffer.read(out, 0, 160);
    }

    @Benchmark
    public int overflowing() {
        full.write(in, 0, 320, now += 20_000_000L);
        return full.read(out, 0, 160);
    }
}
