package org.audiostream.stream.ws;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Twilio dialect's send path for one 20 ms stereo frame (both tracks): the media-thread half,
 * {@link TwilioCapture#add} plus {@link WsSendQueue#offer}, expected at 0 B/op; and the event-loop half,
 * {@link WsSendQueue#poll} into a pooled buffer and {@link TwilioWire#audio} writing two media messages (JSON with
 * base64 μ-law) into pooled buffers, whose only garbage should be Netty's two frame wrappers.
 * Run: {@code java -cp ... org.openjdk.jmh.Main TwilioSendPathBenchmark -f 1 -wi 2 -w 1s -i 3 -r 1s -prof gc}.
 *
 * <p>Threads: JMH runs each benchmark on one thread with its own state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TwilioSendPathBenchmark {

    private final TwilioCapture capture = new TwilioCapture(2);
    private final WsSendQueue queue = new WsSendQueue(64, capture.batchBytes());
    private final TwilioWire wire = new TwilioWire(new TwilioStream("MZ" + "0".repeat(32), "CA" + "1".repeat(32),
            TwilioStream.ACCOUNT_SID, List.of("inbound", "outbound"), "{}"));
    private final short[] stereo = new short[320];
    private final ReleasingSink sink = new ReleasingSink();

    @Setup
    public void fill() {
        for (int i = 0; i < stereo.length; i++) {
            stereo[i] = (short) (i * 97);
        }
        capture.add(stereo, 0);
    }

    @Benchmark
    public boolean captureAndOffer() {
        capture.clear();
        capture.add(stereo, 0);
        boolean accepted = queue.offer(capture.buffer(), 0, capture.length());
        queue.clear(); // keep the queue from filling: measures the accepted path every time
        return accepted;
    }

    @Benchmark
    public long pollAndEncodeMedia() {
        queue.offer(capture.buffer(), 0, capture.length());
        wire.audio(queue.poll(sink.alloc()), sink);
        return sink.bytes;
    }

    /** Counts and releases what the encoder writes, as the socket would after writing it. */
    private static final class ReleasingSink implements FrameSink {
        long bytes;

        @Override
        public ByteBufAllocator alloc() {
            return PooledByteBufAllocator.DEFAULT;
        }

        @Override
        public void write(WebSocketFrame frame) {
            bytes += frame.content().readableBytes();
            frame.release();
        }
    }
}
