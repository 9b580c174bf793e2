package org.audiostream.stream.ai.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.audiostream.config.ConfigLoader;
import org.audiostream.config.EffectiveConfig;
import org.audiostream.config.Schema;
import org.audiostream.media.G711Law;
import org.audiostream.media.InjectBuffer;
import org.audiostream.media.InjectListener;
import org.audiostream.stream.ai.TextSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pipeline on a real event loop and inject buffer, with scripted engines standing in for the providers. */
class TtsPipelineTest {

    private final EventLoop loop = new DefaultEventLoop();
    private final InjectBuffer inject = new InjectBuffer(60_000, 0, 8000, InjectListener.NONE);
    private final TtsResources resources = new TtsResources(new TtsCache(1 << 20, 100, Duration.ofMinutes(5)), 1);
    private final List<String> hostCalls = new CopyOnWriteArrayList<>();
    private final AtomicInteger queuedFromProviders = new AtomicInteger();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        resources.close();
    }

    /** An engine that answers each sentence only when the test says so. */
    private static final class ScriptedEngine implements TtsEngine {
        final TtsProvider provider;
        final List<String> texts = new CopyOnWriteArrayList<>();
        final List<TtsListener> listeners = new CopyOnWriteArrayList<>();
        final List<Boolean> cancelled = new CopyOnWriteArrayList<>();

        ScriptedEngine(TtsProvider provider) {
            this.provider = provider;
        }

        @Override
        public TtsProvider provider() {
            return provider;
        }

        @Override
        public TtsFormat format() {
            return TtsFormat.ULAW_8000;
        }

        @Override
        public String voiceKey() {
            return "v";
        }

        @Override
        public Synthesis synthesize(String text, TtsListener listener) {
            int i = texts.size();
            texts.add(text);
            listeners.add(listener);
            cancelled.add(false);
            return () -> cancelled.set(i, true);
        }

        void answer(int i, int bytes) {
            byte[] audio = new byte[bytes];
            java.util.Arrays.fill(audio, G711Law.PCMU.encode((short) 3000));
            listeners.get(i).onAudio(audio, 0, audio.length);
            listeners.get(i).onComplete();
        }
    }

    /** An engine that takes text as it is written, recording what it is given; answers when the test says so. */
    private static final class StreamingEngine implements TextStreamingEngine {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<TtsListener> listeners = new CopyOnWriteArrayList<>();

        @Override
        public TtsProvider provider() {
            return TtsProvider.ELEVENLABS;
        }

        @Override
        public TtsFormat format() {
            return TtsFormat.ULAW_8000;
        }

        @Override
        public String voiceKey() {
            return "v";
        }

        @Override
        public SentenceInput begin(TtsListener listener) {
            int i = listeners.size();
            listeners.add(listener);
            calls.add(i + " begin");
            return new SentenceInput() {
                @Override
                public void append(String words) {
                    calls.add(i + " append " + words);
                }

                @Override
                public void end(String rest) {
                    calls.add(i + " end " + rest);
                }

                @Override
                public void cancel() {
                    calls.add(i + " cancel");
                }
            };
        }

        void audio(int i, int bytes) {
            byte[] audio = new byte[bytes];
            java.util.Arrays.fill(audio, G711Law.PCMU.encode((short) 3000));
            listeners.get(i).onAudio(audio, 0, audio.length);
        }
    }

    private TtsOptions options(String... variables) {
        Map<String, String> vars = new java.util.HashMap<>(Map.of("AUDIO_STREAM_AI_OPENAI_API_KEY", "sk-test-0123456789",
                "AUDIO_STREAM_AI_TTS_APOLOGY", "", "AUDIO_STREAM_AI_DSP_ENABLED", "false"));
        for (int i = 0; i < variables.length; i += 2) {
            vars.put(variables[i], variables[i + 1]);
        }
        EffectiveConfig config = ConfigLoader.load(Schema.ALL, null, Map.of(), vars, "test").orThrow();
        return TtsOptions.from(config, 8000, Optional.of(G711Law.PCMU));
    }

    private TtsPipeline pipeline(TtsOptions options, Map<TtsProvider, TtsEngine> engines) {
        TtsPipeline p = new TtsPipeline("uuid-1", inject, options, resources, engines);
        p.attach(new TextSink.Host() {
            @Override
            public EventLoop loop() {
                return loop;
            }

            @Override
            public void speaking(String responseId, long arrivalNanos) {
                hostCalls.add("speaking " + responseId);
            }

            @Override
            public void queued(long arrivalNanos) {
                queuedFromProviders.incrementAndGet();
            }

            @Override
            public void finished(String responseId) {
                hostCalls.add("finished " + responseId);
            }

            @Override
            public void event(String event, Object... details) {
                hostCalls.add(event);
            }
        });
        return p;
    }

    private <T> T onLoop(Callable<T> task) throws Exception {
        return loop.submit(task).get();
    }

    @Test
    void sentencesAreSpokenOneAtATimeInOrderAndTheEndIsReportedOnceAllIsInTheBuffer() throws Exception {
        ScriptedEngine espeak = new ScriptedEngine(TtsProvider.ESPEAK);
        TtsPipeline p = pipeline(options("AUDIO_STREAM_AI_TTS_PROVIDER", "espeak", "AUDIO_STREAM_AI_TTS_FALLBACK", ""),
                Map.of(TtsProvider.ESPEAK, espeak));
        onLoop(() -> {
            p.onTextDelta("r1", "The first sentence is here. The second");
            p.onTextDelta("r1", " sentence follows now.");
            p.onResponseDone("r1");
            return null;
        });
        assertThat(espeak.texts).containsExactly("The first sentence is here.");
        assertThat(onLoop(p::busy)).isTrue();
        espeak.answer(0, 800);
        await().until(() -> espeak.texts.size() == 2);
        assertThat(espeak.texts.get(1)).isEqualTo("The second sentence follows now.");
        assertThat(hostCalls).containsExactly("speaking r1");
        espeak.answer(1, 800);
        await().until(() -> hostCalls.contains("finished r1"));
        assertThat(inject.inUseSamples()).isEqualTo(1600);
        assertThat(p.health().sentences()).isEqualTo(2);
        assertThat(queuedFromProviders).as("each sentence's first audio measured once").hasValue(2);
    }

    @Test
    void aCachedSentenceIsPlayedWithoutARequest() throws Exception {
        ScriptedEngine espeak = new ScriptedEngine(TtsProvider.ESPEAK);
        TtsOptions o = options("AUDIO_STREAM_AI_TTS_PROVIDER", "espeak", "AUDIO_STREAM_AI_TTS_FALLBACK", "");
        TtsPipeline p = pipeline(o, Map.of(TtsProvider.ESPEAK, espeak));
        onLoop(() -> {
            p.onTextDelta("r1", "Say this twice please.");
            p.onResponseDone("r1");
            return null;
        });
        espeak.answer(0, 400);
        await().until(() -> hostCalls.contains("finished r1"));
        onLoop(() -> {
            p.onTextDelta("r2", "Say this twice please.");
            p.onResponseDone("r2");
            return null;
        });
        await().until(() -> hostCalls.contains("finished r2"));
        assertThat(espeak.texts).hasSize(1);
        assertThat(inject.inUseSamples()).isEqualTo(800);
        assertThat(p.health().cacheHitPct()).isEqualTo(50.0);
        assertThat(resources.counters().requestsOf(TtsProvider.ESPEAK)).isEqualTo(1);
        assertThat(queuedFromProviders).as("a cache hit is no provider's first audio").hasValue(1);
    }

    @Test
    void bargeInCancelsAtOnceDropsTheQueueAndIgnoresLateAudio() throws Exception {
        ScriptedEngine espeak = new ScriptedEngine(TtsProvider.ESPEAK);
        TtsPipeline p = pipeline(options("AUDIO_STREAM_AI_TTS_PROVIDER", "espeak", "AUDIO_STREAM_AI_TTS_FALLBACK", ""),
                Map.of(TtsProvider.ESPEAK, espeak));
        onLoop(() -> {
            p.onTextDelta("r1", "The first sentence is here. The second sentence follows now. And a third one.");
            return null;
        });
        boolean busyAfter = onLoop(() -> {
            p.onInterrupted("r1");
            return p.busy();
        });
        assertThat(espeak.cancelled).containsExactly(true);
        assertThat(busyAfter).isFalse();
        espeak.answer(0, 800); // too late
        Thread.sleep(100);
        assertThat(inject.inUseSamples()).isZero();
        assertThat(espeak.texts).hasSize(1);
        assertThat(resources.counters().cancelled()).isEqualTo(1);
    }

    @Test
    void theWatchdogAbortsAndCountsAFailure() throws Exception {
        ScriptedEngine espeak = new ScriptedEngine(TtsProvider.ESPEAK);
        TtsPipeline p = pipeline(options("AUDIO_STREAM_AI_TTS_PROVIDER", "espeak", "AUDIO_STREAM_AI_TTS_FALLBACK", "",
                "AUDIO_STREAM_AI_TTS_WATCHDOG_MS", "500"), Map.of(TtsProvider.ESPEAK, espeak));
        onLoop(() -> {
            p.onTextDelta("r1", "A sentence that hangs forever.");
            p.onResponseDone("r1");
            return null;
        });
        await().atMost(Duration.ofSeconds(3)).until(() -> hostCalls.contains("finished r1"));
        assertThat(espeak.cancelled).containsExactly(true);
        assertThat(hostCalls).containsSubsequence("tts_watchdog", "tts_failed", "finished r1");
        assertThat(p.health().failures()).isEqualTo(1);
        assertThat(p.health().consecutiveFailures()).containsEntry("espeak", 1);
    }

    private TtsOptions streaming(String... variables) {
        List<String> vars = new ArrayList<>(List.of("AUDIO_STREAM_AI_TTS_PROVIDER", "elevenlabs",
                "AUDIO_STREAM_AI_ELEVENLABS_API_KEY", "xi-test-0123456789", "AUDIO_STREAM_AI_ELEVENLABS_TRANSPORT", "websocket",
                "AUDIO_STREAM_AI_TTS_FALLBACK", "espeak"));
        vars.addAll(List.of(variables));
        return options(vars.toArray(String[]::new));
    }

    private void write(TtsPipeline p, String responseId, String... deltas) throws Exception {
        onLoop(() -> {
            for (String d : deltas) {
                p.onTextDelta(responseId, d);
            }
            return null;
        });
    }

    @Test
    void aStreamingEngineGetsTheNextSentenceWordByWordAsItIsWrittenAndItsRestAtTheEnd() throws Exception {
        StreamingEngine eleven = new StreamingEngine();
        ScriptedEngine espeak = new ScriptedEngine(TtsProvider.ESPEAK);
        TtsPipeline p = pipeline(streaming(), Map.of(TtsProvider.ELEVENLABS, eleven, TtsProvider.ESPEAK, espeak));
        write(p, "r1", "Your");
        assertThat(eleven.calls).as("no whole word yet").isEmpty();
        write(p, "r1", " table", " for two");
        assertThat(eleven.calls).containsExactly("0 begin", "0 append Your ", "0 append table for ");
        eleven.audio(0, 800);
        await().until(() -> inject.inUseSamples() == 800);
        assertThat(hostCalls).as("heard before the sentence is complete").containsExactly("speaking r1");
        write(p, "r1", " is booked.", " See you", " tonight.");
        onLoop(() -> {
            p.onResponseDone("r1");
            return null;
        });
        assertThat(eleven.calls).containsExactly("0 begin", "0 append Your ", "0 append table for ", "0 append two is ",
                "0 end booked.");
        eleven.listeners.getFirst().onComplete();
        await().until(() -> eleven.calls.size() == 7);
        assertThat(eleven.calls.subList(5, 7)).as("a complete sentence at once").containsExactly("1 begin",
                "1 end See you tonight.");
        eleven.audio(1, 400);
        eleven.listeners.get(1).onComplete();
        await().until(() -> hostCalls.contains("finished r1"));
        assertThat(inject.inUseSamples()).isEqualTo(1200);
        assertThat(resources.cache().get(TtsCache.Key.of(TtsProvider.ELEVENLABS, "v", TtsFormat.ULAW_8000,
                "Your table for two is booked."))).as("the whole sentence cached").isPresent();
        assertThat(espeak.texts).isEmpty();
    }

    @Test
    void aStreamedSentenceFoundInTheCacheWhenCompleteIsPlayedFromThereAndItsRequestClosed() throws Exception {
        StreamingEngine eleven = new StreamingEngine();
        TtsOptions o = streaming();
        resources.cache().put(TtsCache.Key.of(TtsProvider.ELEVENLABS, "v", TtsFormat.ULAW_8000, "Hello there, caller."),
                new TtsCache.Audio(TtsFormat.ULAW_8000, new byte[1600]));
        TtsPipeline p = pipeline(o, Map.of(TtsProvider.ELEVENLABS, eleven, TtsProvider.ESPEAK, new ScriptedEngine(TtsProvider.ESPEAK)));
        write(p, "r1", "Hello", " there,", " caller.");
        onLoop(() -> {
            p.onResponseDone("r1");
            return null;
        });
        await().until(() -> hostCalls.contains("finished r1"));
        assertThat(eleven.calls).containsExactly("0 begin", "0 append Hello ", "0 append there, ", "0 cancel");
        assertThat(inject.inUseSamples()).isEqualTo(1600);
        assertThat(p.health().cacheHitPct()).isEqualTo(100.0);
    }

    @Test
    void bargeInDuringAStreamedSentenceCancelsItAndItsLateAudioIsIgnored() throws Exception {
        StreamingEngine eleven = new StreamingEngine();
        TtsPipeline p = pipeline(streaming(), Map.of(TtsProvider.ELEVENLABS, eleven, TtsProvider.ESPEAK,
                new ScriptedEngine(TtsProvider.ESPEAK)));
        write(p, "r1", "Let me", " check", " that for");
        boolean busy = onLoop(() -> {
            p.onInterrupted("r1");
            return p.busy();
        });
        assertThat(busy).isFalse();
        assertThat(eleven.calls).containsExactly("0 begin", "0 append Let ", "0 append me ", "0 append check that ",
                "0 cancel");
        eleven.audio(0, 800);
        Thread.sleep(100);
        assertThat(inject.inUseSamples()).isZero();
        write(p, "r2", "A new", " answer");
        assertThat(eleven.calls).as("the next response streams afresh").endsWith("1 begin", "1 append A ", "1 append new ");
    }

    @Test
    void aFailureWhileTheSentenceIsWrittenCountsWhenItIsCompleteAndItIsRetriedOnTheFallback() throws Exception {
        StreamingEngine eleven = new StreamingEngine();
        ScriptedEngine espeak = new ScriptedEngine(TtsProvider.ESPEAK);
        TtsPipeline p = pipeline(streaming(), Map.of(TtsProvider.ELEVENLABS, eleven, TtsProvider.ESPEAK, espeak));
        onLoop(() -> {
            p.onTextDelta("r0", "Failing sentence number 0. Failing sentence number 1.");
            p.onResponseDone("r0");
            return null;
        });
        for (int i = 0; i < TtsBreaker.FALLBACK_AFTER - 1; i++) {
            int n = i;
            await().until(() -> eleven.listeners.size() > n);
            eleven.listeners.get(i).onFailure(new TtsFailure("internal_server_error", 0, "boom"));
        }
        await().until(() -> hostCalls.stream().filter("tts_failed"::equals).count() == 2);
        write(p, "r1", "The third", " one fails");
        await().until(() -> eleven.listeners.size() == TtsBreaker.FALLBACK_AFTER);
        eleven.listeners.getLast().onFailure(new TtsFailure("stream_cut", 0, "connection lost"));
        Thread.sleep(100);
        assertThat(hostCalls).as("not counted while the model still writes it").doesNotContain("tts_fallback");
        write(p, "r1", " early.", " Next");
        await().until(() -> hostCalls.contains("tts_fallback"));
        await().until(() -> espeak.texts.size() == 1);
        assertThat(espeak.texts).as("retried whole on the fallback").containsExactly("The third one fails early.");
        assertThat(eleven.calls).doesNotContain("2 end early.");
    }

    @Test
    void theRestOfAStreamedSentenceIsWhatItsFirstWordsLeftOut() {
        assertThat(TtsPipeline.rest("Your table ", "Your table for two.")).isEqualTo("for two.");
        assertThat(TtsPipeline.rest("Your table for two. ", "Your table for two.")).isEmpty();
        assertThat(TtsPipeline.rest("Your table  ", "Your table")).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TtsPipeline.rest("Other words ", "Your table."))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theOptionsNameAnUnknownFallbackAndAMissingKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> options("AUDIO_STREAM_AI_TTS_PROVIDER", "espeak",
                "AUDIO_STREAM_AI_TTS_FALLBACK", "polly")).hasMessageContaining("AUDIO_STREAM_AI_TTS_FALLBACK")
                .hasMessageContaining("polly");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> options("AUDIO_STREAM_AI_TTS_PROVIDER", "elevenlabs"))
                .hasMessageContaining("AUDIO_STREAM_AI_ELEVENLABS_API_KEY");
        assertThat(options("AUDIO_STREAM_AI_TTS_PROVIDER", "openai", "AUDIO_STREAM_AI_TTS_FALLBACK", "espeak, openai").chain())
                .containsExactly(TtsProvider.OPENAI, TtsProvider.ESPEAK);
    }

    @Test
    void startUpPrewarmPutsTheApologyAndThePhrasesInTheCache() {
        EffectiveConfig service = ConfigLoader.load(Schema.ALL, null, Map.of(), Map.of("AUDIO_STREAM_AI_TTS_PROVIDER", "espeak",
                "AUDIO_STREAM_AI_TTS_PREWARM", "Welcome to the demo.|Please hold."), "test").orThrow();
        assertThat(TtsStartupPrewarm.start(service, resources, loop)).isEqualTo(3);
        TtsEngine espeak = TtsEngines.create(null, TtsProvider.ESPEAK, TtsOptions.from(service, 8000, Optional.of(G711Law.PCMU)), resources);
        List<String> phrases = new ArrayList<>(List.of("I'm sorry, could you repeat that?", "Welcome to the demo.", "Please hold."));
        await().atMost(Duration.ofSeconds(10)).until(() -> phrases.stream().allMatch(t -> resources.cache()
                .get(TtsCache.Key.of(TtsProvider.ESPEAK, espeak.voiceKey(), espeak.format(), t)).isPresent()));
        EffectiveConfig realtime = ConfigLoader.load(Schema.ALL, null, Map.of(), Map.of(), "test").orThrow();
        assertThat(TtsStartupPrewarm.start(realtime, resources, loop)).isZero();
    }
}
