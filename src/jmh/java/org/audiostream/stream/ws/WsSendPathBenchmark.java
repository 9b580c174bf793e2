package org.audiostream.stream.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The media-thread half of the send path for one 20 ms frame at 16 kHz mono: {@link FrameBatcher#add} plus
 * {@link WsSendQueue#offer}, and (separately) the event-loop half, {@link WsSendQueue#poll} into a pooled
 * buffer. Expect ≈0 B/op for {@code batchAndOffer} under {@code -prof gc}.
 * Run: {@code java -cp ... org.openjdk.jmh.Main WsSendPathBenchmark -f 1 -wi 2 -w 1s -i 3 -r 1s -prof gc}.
 *
 * <p>Threads: JMH runs each benchmark on one thread with its own state (producer and consumer on one thread
 * here, so the SPSC queue's cross-core cost is not included).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WsSendPathBenchmark {

    private final FrameBatcher batcher = new FrameBatcher(16000, 1, 1);
    private final WsSendQueue queue = new WsSendQueue(64, batcher.batchBytes());
    private final short[] pcm = new short[batcher.frameSamples()];
    private final PooledByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;

    @Setup
    public void fill() {
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (i * 97);
        }
    }

    @Benchmark
    public boolean batchAndOffer() {
        batcher.add(pcm, 0);
        boolean accepted = queue.offer(batcher.buffer(), 0, batcher.length());
        batcher.clear();
        queue.clear(); // keep the queue from filling: measures the accepted path every time
        return accepted;
    }

    @Benchmark
    public int offerAndPoll() {
        queue.offer(batcher.buffer(), 0, batcher.batchBytes());
        ByteBuf buf = queue.poll(alloc);
        int n = buf.readableBytes();
        buf.release();
        return n;
    }
}
