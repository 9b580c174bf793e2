package org.audiostream.call.rtp;

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
 * One media-clock tick of the receive path's buffer: push the packets that arrived (one 20 ms
 * packet, or two 30 ms packets every third tick) and pull one 20 ms frame. Run with {@code -prof gc}:
 * the allocation rate must be ≈0 B/op.
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.openjdk.jmh.Main JitterBufferBenchmark -prof gc
 * </pre>
 *
 * <p>Threads: one benchmark thread per state, as one clock shard owns one buffer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JitterBufferBenchmark {

    @Param({"20", "30"})
    public int ptimeMs;

    private JitterBuffer buffer;
    private short[] packet;
    private final short[] frame = new short[160];
    private int samplesPerPacket;
    private long sent;
    private long tick;

    @Setup
    public void setUp() {
        buffer = new JitterBuffer(JitterBufferConfig.DEFAULT);
        samplesPerPacket = ptimeMs * 8;
        packet = new short[samplesPerPacket];
        for (int i = 0; i < samplesPerPacket; i++) {
            packet[i] = (short) (i * 97);
        }
    }

    @Benchmark
    public short[] pushAndPullOneTick() {
        // packet k is due at k * ptime ms: one per tick at 20 ms, two per three ticks at 30 ms
        while (sent * ptimeMs <= tick * 20) {
            buffer.push(0x1234, (int) sent & 0xFFFF, (int) (sent * samplesPerPacket), false, packet, 0, samplesPerPacket);
            sent++;
        }
        tick++;
        buffer.pull(frame, 0);
        return frame;
    }
}
