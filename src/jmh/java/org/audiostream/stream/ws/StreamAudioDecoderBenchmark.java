package org.audiostream.stream.ws;

import java.util.Base64;
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
 * Cost of decoding one {@code streamAudio} message carrying {@code ms} of 16-bit PCM at {@code rate} Hz
 * (the per-message inject path; 50 such messages per second per call when the server sends 20 ms chunks).
 * Run: {@code java -cp ... org.openjdk.jmh.Main StreamAudioDecoderBenchmark -f 1 -wi 2 -w 1s -i 3 -r 1s -prof gc}.
 *
 * <p>Threads: JMH runs each benchmark on one thread with its own state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StreamAudioDecoderBenchmark {

    @Param({"8000", "24000"})
    public int rate;

    @Param({"20"})
    public int ms;

    private final StreamAudioDecoder decoder = new StreamAudioDecoder(StreamAudioDecoder.DEFAULT_MAX_AUDIO_BASE64_LEN,
            false);
    private String message;

    @Setup
    public void build() {
        byte[] pcm = new byte[rate / 1000 * ms * 2];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (byte) (i * 31);
        }
        message = "{\"type\":\"streamAudio\",\"data\":{\"audioDataType\":\"raw\",\"sampleRate\":" + rate
                + ",\"channels\":1,\"seq\":12345,\"audioData\":\"" + Base64.getEncoder().encodeToString(pcm) + "\"}}";
    }

    @Benchmark
    public StreamAudioMessage decode() {
        return decoder.decode(message);
    }
}
