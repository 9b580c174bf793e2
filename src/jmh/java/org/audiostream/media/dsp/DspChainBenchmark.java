package org.audiostream.media.dsp;

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
 * Full default DSP chain on one 20 ms frame of a voice-like signal. Run: {@code java -cp ...
 * org.openjdk.jmh.Main DspChainBenchmark -f 1 -wi 2 -w 1s -i 3 -r 1s -prof gc}.
 *
 * <p>Threads: JMH runs each benchmark on one thread with its own state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DspChainBenchmark {

    @Param({"8000", "16000"})
    public int rate;

    private DspChain chain;
    private short[] source;
    private short[] frame;
    private int offset;

    @Setup
    public void build() {
        chain = new DspChain(DspSettings.defaults(rate));
        source = new short[rate];
        for (int i = 0; i < source.length; i++) {
            double t = (double) i / rate;
            source[i] = (short) (8000 * (Math.sin(2 * Math.PI * 150 * t) + 0.5 * Math.sin(2 * Math.PI * 1350 * t)));
        }
        frame = new short[rate / 50];
    }

    @Benchmark
    public short[] processFrame() {
        System.arraycopy(source, offset, frame, 0, frame.length);
        offset = (offset + frame.length) % source.length;
        chain.process(frame, 0, frame.length);
        return frame;
    }
}
