package org.audiostream.bench;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.audiostream.media.CallLeg;
import org.audiostream.media.G711Law;
import org.audiostream.media.InjectListener;
import org.audiostream.media.MixMode;
import org.audiostream.session.CallDetails;
import org.audiostream.session.InjectSettings;
import org.audiostream.session.InjectWriter;
import org.audiostream.session.MediaSession;
import org.audiostream.session.StreamMode;
import org.audiostream.session.StreamTarget;
import org.audiostream.stream.ws.FrameBatcher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * BM-17 (seed §9.1): one session's full per-frame work, as its clock shard runs it. Capture:
 * decode a 20 ms G.711 payload, mix caller and played audio, resample 8 kHz to 16 kHz, batch as
 * L16 LE for the WebSocket. Inject: play out one frame of the inject buffer and encode it to G.711.
 * Each operation also writes the next 20 ms into the inject buffer, as the WS thread would, so the
 * buffer never runs dry; that producer cost is included, making the figure conservative.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class Bm17FrameBenchmark {

    private static final long TICK = 20_000_000L;

    private MediaSession session;
    private InjectWriter producer;
    private short[] reply;
    private long now;
    private Blackhole sink;

    /** A leg that decodes and encodes real G.711 payloads, without sockets. */
    static final class G711Leg implements CallLeg {
        private final byte[] speech;
        private final byte[] sent = new byte[160];
        private int offset;
        Blackhole sink;

        G711Leg(byte[] speech) {
            this.speech = speech;
        }

        @Override
        public int sampleRate() {
            return 8000;
        }

        @Override
        public boolean readCallerFrame(short[] pcm, long nowNanos) {
            G711Law.PCMU.decode(speech, offset, pcm, 0, 160);
            offset = (offset + 160) % (speech.length - 160);
            return true;
        }

        @Override
        public void writeFrame(short[] pcm, long nowNanos) {
            G711Law.PCMU.encode(pcm, 0, sent, 0, 160);
            sink.consume(sent);
        }
    }

    /** The WS target's capture side: batch into the send buffer, then hand it off. */
    static final class BatchingTarget implements StreamTarget {
        private final FrameBatcher batcher = new FrameBatcher(16000, 1, 1);
        Blackhole sink;

        @Override
        public void onCapturedFrame(short[] pcm, int samples, long nowNanos) {
            if (batcher.add(pcm, 0)) {
                sink.consume(batcher.buffer());
                batcher.clear();
            }
        }

        @Override
        public long framesDropped() {
            return 0;
        }

        @Override
        public void close(String finalText) {
        }
    }

    @Setup
    public void setUp(Blackhole blackhole) {
        sink = blackhole;
        byte[] speech = new byte[8000 * 4];
        for (int i = 0; i < speech.length; i++) {
            double s = 6000 * Math.sin(2 * Math.PI * 300 * i / 8000.0) + 3000 * Math.sin(2 * Math.PI * 1250 * i / 8000.0);
            speech[i] = G711Law.PCMU.encode((short) s);
        }
        G711Leg leg = new G711Leg(speech);
        leg.sink = blackhole;
        BatchingTarget target = new BatchingTarget();
        target.sink = blackhole;
        session = new MediaSession("bm17", new CallDetails("a", "b", "c", Instant.EPOCH), leg, new InjectSettings(5000, 0, true, 200), 0);
        session.startStreaming(StreamMode.WS, MixMode.MIXED, 16000, target, InjectListener.NONE, 0);
        producer = new InjectWriter(session.injectBuffer());
        reply = new short[160];
        for (int i = 0; i < reply.length; i++) {
            reply[i] = (short) (4000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
        }
    }

    @Benchmark
    public void frame() {
        producer.writeMono(reply, 160, 8000, now);
        session.onTick(now);
        now += TICK;
    }
}
