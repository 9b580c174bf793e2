package org.audiostream.stream.ai.tts;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.audiostream.media.G711Law;
import org.audiostream.media.InjectBuffer;
import org.audiostream.media.InjectListener;
import org.audiostream.media.dsp.DspSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A cached sentence played, as {@link TtsPipeline} does on a hit: the shared-cache lookup and the first chunk
 * ({@value CachedStream#CHUNK_MS} ms of μ-law, what the caller hears first) decoded, through the DSP chain (on
 * or off) and into the inject buffer ({@code firstChunk}); and the whole 2 s sentence ({@code wholeSentence}). Run: {@code java -cp ...
 * org.openjdk.jmh.Main TtsCacheHitBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s}.
 *
 * <p>Threads: JMH runs each benchmark on one thread with its own state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TtsCacheHitBenchmark {

    @Param({"true", "false"})
    public boolean dsp;

    private TtsCache cache;
    private TtsCache.Key key;
    private InjectBuffer inject;
    private TtsPlayout playout;

    @Setup
    public void build() {
        cache = new TtsCache(64 << 20, 5000, Duration.ofHours(1));
        short[] pcm = new short[16_000];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (6000 * Math.sin(2 * Math.PI * 180 * i / 8000.0) * (0.6 + 0.4 * Math.sin(i / 2000.0)));
        }
        byte[] ulaw = new byte[pcm.length];
        G711Law.PCMU.encode(pcm, 0, ulaw, 0, pcm.length);
        for (int i = 0; i < 1000; i++) {
            cache.put(TtsCache.Key.of(TtsProvider.ELEVENLABS, "v", TtsFormat.ULAW_8000, "sentence " + i),
                    new TtsCache.Audio(TtsFormat.ULAW_8000, ulaw));
        }
        key = TtsCache.Key.of(TtsProvider.ELEVENLABS, "v", TtsFormat.ULAW_8000, "sentence 500");
        inject = new InjectBuffer(30_000, 0, 8000, InjectListener.NONE);
        playout = new TtsPlayout(inject, DspSettings.defaults(8000).withAllEnabled(dsp), new TtsCounters());
    }

    @Benchmark
    public int firstChunk() {
        TtsCache.Audio audio = cache.get(key).orElseThrow();
        playout.play("r", new TtsAudioDecoder(audio.format()), audio.format(), audio.bytes(), 0, 8 * CachedStream.CHUNK_MS);
        inject.clear();
        return inject.inUseSamples();
    }

    @Benchmark
    public int wholeSentence() {
        TtsCache.Audio audio = cache.get(key).orElseThrow();
        playout.play("r", new TtsAudioDecoder(audio.format()), audio.format(), audio.bytes(), 0, audio.bytes().length);
        inject.clear();
        return inject.inUseSamples();
    }
}
