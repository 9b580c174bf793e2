package org.audiostream.media;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * G.711 cost per 20 ms frame (160 samples): decode, and encode by {@link G711}'s leading-zero
 * segment search versus a 64 Ki-entry lookup table (the alternative this measurement rejects).
 * Run: {@code java -cp ... org.openjdk.jmh.Main G711Benchmark -f 1 -wi 2 -w 1s -i 3 -r 1s}.
 *
 * <p>Threads: JMH runs each benchmark on one thread with its own state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class G711Benchmark {

    private static final byte[] ULAW_64K = new byte[65536];

    static {
        for (int x = 0; x < 65536; x++) {
            ULAW_64K[x] = G711.encodeUlaw((short) x);
        }
    }

    private final short[] pcm = new short[160];
    private final byte[] codes = new byte[160];
    private final short[] decoded = new short[160];

    @Setup
    public void fill() {
        // Speech-like levels: mostly small samples, some loud ones.
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (random.nextGaussian() * (i % 40 < 10 ? 8000 : 600));
        }
        G711Law.PCMU.encode(pcm, 0, codes, 0, pcm.length);
    }

    @Benchmark
    public byte[] encodeUlawSegmentSearch() {
        G711Law.PCMU.encode(pcm, 0, codes, 0, pcm.length);
        return codes;
    }

    @Benchmark
    public byte[] encodeUlawTable64k() {
        for (int i = 0; i < pcm.length; i++) {
            codes[i] = ULAW_64K[pcm[i] & 0xFFFF];
        }
        return codes;
    }

    @Benchmark
    public byte[] encodeAlawSegmentSearch() {
        G711Law.PCMA.encode(pcm, 0, codes, 0, pcm.length);
        return codes;
    }

    @Benchmark
    public short[] decodeUlaw() {
        G711Law.PCMU.decode(codes, 0, decoded, 0, codes.length);
        return decoded;
    }
}
