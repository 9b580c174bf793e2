package org.audiostream.stream.ai.tts;

import io.netty.channel.EventLoop;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.audiostream.media.InjectBuffer;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;
import org.audiostream.observe.RateLimitedLog;
import org.audiostream.session.TtsHealth;
import org.audiostream.stream.ai.TextSink;

/**
 * The TTS style of one AI session: the model's text deltas are cut into sentences, and each sentence is spoken
 * in turn, from the shared cache or by the provider the breaker chooses, its audio streaming into the inject
 * buffer as it arrives.
 *
 * <pre>
 * delta -> SentenceSplitter -> queue -> cache hit? ---------------------------> TtsPlayout -> inject buffer
 *                                         \-> TtsEngine (breaker's provider) --/   (decode, resample, DSP)
 * </pre>
 *
 * <p>A cache hit plays like a synthesis that streams from memory ({@link CachedStream}: the first 200 ms reach the
 * inject buffer at once, the rest follows chunk by chunk on the loop). One synthesis runs at a time, so sentences
 * play in order; the next starts as soon as the previous one has
 * arrived, while it still plays. With an engine that takes text as it is written ({@link TextStreamingEngine}),
 * the next sentence to speak does not wait for its end: its synthesis begins with the splitter's
 * {@linkplain SentenceSplitter#wordsInProgress first words}, gets the rest as the model writes it, and is looked
 * up in the cache when complete (played from there if none of its audio has). A failure is logged with the
 * sentence (truncated), the error code and the latency; the breaker counts it ({@link TtsBreaker}); a sentence that failed before any of its audio played is
 * tried once more when the failure moved the session to another provider; otherwise the cached apology plays
 * (once per response) or silence, with a {@code tts_failed} event. The watchdog aborts a request running longer
 * than {@code AUDIO_STREAM_AI_TTS_WATCHDOG_MS} from its sentence's end and counts it as a failure; a sentence
 * that fails while the model is still writing it counts once it is complete. Barge-in cancels the request and drops
 * every sentence and every sample not yet in the inject buffer; a request's late callbacks are recognised and
 * ignored.
 *
 * <p>Threads: the engine's event loop owns all state; engines call the {@link Request} listener on their own
 * threads, which only hands over to the loop. {@link #health} reads volatile snapshots from any thread.
 */
public final class TtsPipeline implements TextSink {

    private static final Log LOG = Log.of(Component.TTS);
    static final int MIN_SENTENCE_CHARS = 10;
    static final int MAX_SENTENCE_CHARS = 250;
    static final int MAX_QUEUED_SENTENCES = 64;
    private static final int LOGGED_TEXT_CHARS = 40;
    private static final long TOP_UP_PERIOD_MS = 20;

    private final String uuid;
    private final TtsOptions options;
    private final TtsResources resources;
    private final TtsCounters counters;
    private final Map<TtsProvider, TtsEngine> engines;
    private final TtsBreaker breaker;
    private final TtsPlayout playout;
    private final SentenceSplitter splitter = new SentenceSplitter(MIN_SENTENCE_CHARS, MAX_SENTENCE_CHARS);
    private final ArrayDeque<Sentence> queue = new ArrayDeque<>();
    private final Set<String> apologised = new HashSet<>();
    private final RateLimitedLog dropLog = new RateLimitedLog(5, TimeUnit.SECONDS);
    private Host host;
    private EventLoop loop;
    private Request inFlight;
    /** The response whose text the splitter holds. */
    private String writing;
    private String finishing;
    private boolean closed;
    private ScheduledFuture<?> topUpTask;

    // snapshots for health (written on the loop)
    private volatile int queueDepth;
    private volatile long lookups;
    private volatile long hits;
    private volatile long sentences;
    private volatile long failures;
    private volatile String breakerState;
    private volatile String provider;
    private volatile Map<String, Integer> failuresInARow;

    /** A sentence to speak; {@code retried} once it was given to a second provider. */
    private record Sentence(String responseId, String text, boolean retried) {}

    public TtsPipeline(String uuid, InjectBuffer inject, TtsOptions options, TtsResources resources) {
        this(uuid, inject, options, resources, TtsEngines.forChain(uuid, options, resources));
    }

    TtsPipeline(String uuid, InjectBuffer inject, TtsOptions options, TtsResources resources,
                Map<TtsProvider, TtsEngine> engines) {
        this.uuid = uuid;
        this.options = options;
        this.resources = resources;
        this.counters = resources.counters();
        this.engines = engines;
        this.breaker = new TtsBreaker(options.chain(), options.retryAfter().toNanos(), System::nanoTime);
        this.playout = new TtsPlayout(inject, options.dsp(), counters);
        snapshot();
    }

    @Override
    public void attach(Host host) {
        this.host = host;
        this.loop = host.loop();
        engines.get(options.chain().getFirst()).open();
        loop.execute(this::warmApology);
        LOG.info(uuid, "tts_start", "ok", "chain", options.chain().stream().map(TtsProvider::label).toList(),
                "format", options.format().wireName(), "cache", options.cacheEnabled(),
                "watchdog_ms", options.watchdog().toMillis());
    }

    // ------------------------------------------------------------------ text (event loop)

    @Override
    public void onTextDelta(String responseId, String delta) {
        if (closed || breaker.disabled()) {
            return;
        }
        writing = responseId;
        splitter.append(delta, text -> sentenceDone(responseId, text));
        streamInProgress();
    }

    @Override
    public void onResponseDone(String responseId) {
        splitter.flush(text -> sentenceDone(responseId, text));
        writing = null;
        if (busy()) {
            finishing = responseId;
        }
    }

    @Override
    public void onInterrupted(String responseId) {
        dropAll("barge_in");
    }

    /** Cancels the request in flight and drops every sentence and every sample not yet in the inject buffer. */
    private void dropAll(String reason) {
        splitter.reset();
        writing = null;
        queue.clear();
        finishing = null;
        if (inFlight != null) {
            inFlight.abort();
            if (!inFlight.cached) {
                counters.cancelled.incrementAndGet();
            }
            LOG.info(uuid, "tts_request", "cancelled", "provider", inFlight.engine.provider().label(),
                    "reason", reason, "text", shorten(inFlight.sentence.text()));
            inFlight = null;
        }
        playout.clear();
        stopTopUp();
        snapshot();
    }

    @Override
    public boolean busy() {
        return inFlight != null || !queue.isEmpty() || playout.hasPending() || splitter.pending() > 0;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        dropAll("stop");
        engines.values().forEach(TtsEngine::close);
    }

    @Override
    public TtsHealth health() {
        long l = lookups;
        double hitPct = l == 0 ? 0 : Math.round(10_000.0 * hits / l) / 100.0;
        return new TtsHealth(provider, breakerState, failuresInARow, queueDepth, hitPct, sentences, failures);
    }

    /** The splitter completed a sentence: the end of the one being streamed, or one to queue. */
    private void sentenceDone(String responseId, String text) {
        if (inFlight != null && inFlight.input != null) {
            endStreaming(inFlight, text);
        } else {
            enqueue(responseId, text);
        }
    }

    private void enqueue(String responseId, String text) {
        if (queue.size() >= MAX_QUEUED_SENTENCES) {
            long suppressed = dropLog.tryAcquire(System.nanoTime());
            if (suppressed >= 0) {
                LOG.warn(uuid, "tts_sentence", "dropped", "reason", "more than " + MAX_QUEUED_SENTENCES
                        + " sentences waiting", "text", shorten(text), "suppressed", suppressed);
            }
            return;
        }
        queue.addLast(new Sentence(responseId, text, false));
        next();
    }

    // ------------------------------------------------------------------ speaking (event loop)

    private void next() {
        while (inFlight == null && !queue.isEmpty() && !closed) {
            TtsProvider p = breaker.next();
            if (p == null) {
                queue.clear();
                break;
            }
            Sentence s = queue.pollFirst();
            TtsEngine engine = engines.get(p);
            TtsCache.Key key = TtsCache.Key.of(p, engine.voiceKey(), engine.format(), s.text());
            if (options.cacheEnabled()) {
                lookups++;
                Optional<TtsCache.Audio> cached = resources.cache().get(key);
                if (cached.isPresent()) {
                    hits++;
                    counters.cacheHits.incrementAndGet();
                    Request r = new Request(s, engine, key, true);
                    inFlight = r;
                    r.synthesis = CachedStream.start(cached.get(), r, loop);
                    break;
                }
                counters.cacheMisses.incrementAndGet();
            }
            start(s, engine, key);
        }
        snapshot();
        checkIdle();
    }

    private void start(Sentence s, TtsEngine engine, TtsCache.Key key) {
        Request r = new Request(s, engine, key, false);
        inFlight = r;
        counters.requests(engine.provider()).incrementAndGet();
        r.watchdog = loop.schedule(() -> onWatchdog(r), options.watchdog().toMillis(), TimeUnit.MILLISECONDS);
        r.synthesis = engine.synthesize(s.text(), r);
    }

    /**
     * Gives the sentence being written its new words, or, when nothing is being spoken and the provider takes text as
     * it is written, begins it with the words so far. Never from inside the splitter's callback.
     */
    private void streamInProgress() {
        String words = splitter.wordsInProgress();
        Request r = inFlight;
        if (r != null) {
            if (r.input != null && words.length() > r.streamed.length()) {
                r.input.append(words.substring(r.streamed.length()));
                r.streamed = words;
                r.sentence = new Sentence(r.sentence.responseId(), words.strip(), false);
            }
            return;
        }
        if (writing == null || words.isEmpty() || closed) {
            return;
        }
        TtsProvider p = breaker.next();
        if (p != null && engines.get(p) instanceof TextStreamingEngine engine) {
            Request live = new Request(new Sentence(writing, words.strip(), false), engine, null, false);
            inFlight = live;
            live.streamed = words;
            counters.requests(p).incrementAndGet();
            live.input = engine.begin(live);
            live.synthesis = live.input;
            live.input.append(words);
            snapshot();
        }
    }

    /** The sentence {@code r} streams is complete: the cache may have it, else the rest goes and the watchdog starts. */
    private void endStreaming(Request r, String text) {
        SentenceInput input = r.input;
        r.input = null;
        r.sentence = new Sentence(r.sentence.responseId(), text, false);
        r.key = TtsCache.Key.of(r.engine.provider(), r.engine.voiceKey(), r.engine.format(), text);
        if (r.failedEarly != null) {
            inFlight = null;
            failed(r, r.failedEarly);
            next();
            return;
        }
        if (options.cacheEnabled() && !r.audible) {
            lookups++;
            Optional<TtsCache.Audio> cached = resources.cache().get(r.key);
            if (cached.isPresent()) {
                hits++;
                counters.cacheHits.incrementAndGet();
                input.cancel();
                Request hit = new Request(r.sentence, r.engine, r.key, true);
                inFlight = hit;
                hit.synthesis = CachedStream.start(cached.get(), hit, loop);
                return;
            }
            counters.cacheMisses.incrementAndGet();
        }
        input.end(rest(r.streamed, text));
        r.watchdog = loop.schedule(() -> onWatchdog(r), options.watchdog().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What of the complete sentence {@code text} is not in {@code streamed}, the words it began with. */
    static String rest(String streamed, String text) {
        if (text.startsWith(streamed)) {
            return text.substring(streamed.length());
        }
        if (streamed.strip().equals(text)) {
            return "";
        }
        throw new IllegalStateException("the sentence \"" + text + "\" does not begin with \"" + streamed + "\"");
    }

    private void onAudio(Request r, byte[] data) {
        if (r != inFlight) {
            return; // a cancelled or timed-out request still talking
        }
        boolean first = !r.audible;
        if (first) {
            r.audible = true;
            if (!r.cached) {
                counters.firstAudioNanos.addAndGet(System.nanoTime() - r.startNanos);
                counters.firstAudioCount.incrementAndGet();
            }
            host.speaking(r.sentence.responseId(), r.firstByteNanos);
        }
        if (!playout.play(r.sentence.responseId(), r.decoder, r.engine.format(), data, 0, data.length)) {
            logDropped(r.sentence.responseId());
        }
        if (first && !r.cached) {
            host.queued(r.firstByteNanos);
        }
        if (options.cacheEnabled() && !r.cached) {
            r.keep(data, resources.cache().maxEntryBytes());
        }
        ensureTopUp();
    }

    private void onComplete(Request r) {
        if (r != inFlight) {
            return;
        }
        inFlight = null;
        r.cancelWatchdog();
        spoken();
        if (!r.cached) {
            TtsProvider p = r.engine.provider();
            if (breaker.onSuccess(p) == TtsBreaker.Transition.RECOVERED) {
                counters.recoveries.incrementAndGet();
                LOG.notice(uuid, "tts_breaker", "recovered", "provider", p.label());
                host.event("tts_recovered", "provider", p.label());
            }
            if (options.cacheEnabled() && r.kept != null && r.kept.size() > 0) {
                resources.cache().put(r.key, new TtsCache.Audio(r.engine.format(), r.kept.toByteArray()));
            }
        }
        next();
        streamInProgress();
    }

    private void onFailure(Request r, TtsFailure failure) {
        if (r != inFlight) {
            return;
        }
        if (r.input != null) {
            r.failedEarly = failure; // counted when the model has written the whole sentence
            return;
        }
        inFlight = null;
        r.cancelWatchdog();
        failed(r, failure);
        next();
        streamInProgress();
    }

    private void onWatchdog(Request r) {
        if (r != inFlight) {
            return;
        }
        inFlight = null;
        r.abort();
        counters.watchdogAborts.incrementAndGet();
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - r.startNanos);
        LOG.error(uuid, "tts_watchdog", "aborted", "provider", r.engine.provider().label(), "elapsed_ms", ms,
                "limit_ms", options.watchdog().toMillis(), "text", shorten(r.sentence.text()));
        host.event("tts_watchdog", "provider", r.engine.provider().label(), "elapsed_ms", ms,
                "response_id", r.sentence.responseId());
        failed(r, TtsFailure.of("watchdog", "no end of audio within " + options.watchdog().toMillis() + " ms"));
        next();
        streamInProgress();
    }

    /** Seed §8.1 and §4.2: log, count, maybe move on to the next provider, then retry, apologise or stay silent. */
    private void failed(Request r, TtsFailure f) {
        TtsProvider p = r.engine.provider();
        Sentence s = r.sentence;
        long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - r.startNanos);
        failures++;
        counters.failures(p).incrementAndGet();
        LOG.warn(uuid, "tts_sentence", "failed", "provider", p.label(), "code", f.code(), "status", f.httpStatus(),
                "latency_ms", latencyMs, "text", shorten(s.text()), "message", f.message());
        TtsBreaker.Transition t = breaker.onFailure(p);
        switch (t) {
            case FALLBACK -> {
                counters.fallbacks.incrementAndGet();
                LOG.warn(uuid, "tts_breaker", "fallback", "from", p.label(), "to", breaker.active().label(),
                        "failures", TtsBreaker.FALLBACK_AFTER);
                host.event("tts_fallback", "from", p.label(), "to", breaker.active().label(),
                        "failures", TtsBreaker.FALLBACK_AFTER, "code", f.code());
            }
            case PROBE_FAILED -> LOG.info(uuid, "tts_breaker", "still_failing", "provider", p.label(), "code", f.code());
            case DISABLED -> {
                counters.disabled.incrementAndGet();
                LOG.error(uuid, "tts_breaker", "disabled", "provider", p.label(), "failures", TtsBreaker.DISABLE_AFTER);
                host.event("tts_disabled", "provider", p.label(), "failures", TtsBreaker.DISABLE_AFTER, "code", f.code());
                queue.clear();
                splitter.reset();
                short[] tone = ErrorTone.samples(options.codecRate());
                host.speaking(s.responseId(), System.nanoTime());
                playout.playSamples(s.responseId(), tone, tone.length);
                ensureTopUp();
            }
            default -> { }
        }
        snapshot();
        boolean moved = t == TtsBreaker.Transition.FALLBACK || t == TtsBreaker.Transition.PROBE_FAILED;
        if (moved && !r.audible && !s.retried()) {
            queue.addFirst(new Sentence(s.responseId(), s.text(), true));
            return;
        }
        boolean apology = t != TtsBreaker.Transition.DISABLED && apologise(s.responseId());
        host.event("tts_failed", "response_id", s.responseId(), "provider", p.label(), "code", f.code(),
                "http_status", f.httpStatus(), "latency_ms", latencyMs, "text", shorten(s.text()), "apology", apology);
    }

    /** Plays the cached apology once per response; false when it is not cached (the caller hears silence). */
    private boolean apologise(String responseId) {
        if (options.apology().isEmpty() || !options.cacheEnabled() || apologised.contains(responseId)) {
            return false;
        }
        for (TtsProvider p : options.chain()) {
            TtsEngine e = engines.get(p);
            Optional<TtsCache.Audio> cached = resources.cache().get(TtsCache.Key.of(p, e.voiceKey(), e.format(), options.apology()));
            if (cached.isPresent()) {
                apologised.add(responseId);
                if (apologised.size() > 16) {
                    apologised.remove(apologised.iterator().next());
                }
                counters.apologies.incrementAndGet();
                play(responseId, cached.get());
                return true;
            }
        }
        return false;
    }

    private void play(String responseId, TtsCache.Audio audio) {
        host.speaking(responseId, System.nanoTime());
        TtsAudioDecoder decoder = new TtsAudioDecoder(audio.format());
        if (!playout.play(responseId, decoder, audio.format(), audio.bytes(), 0, audio.bytes().length)) {
            logDropped(responseId);
        }
        ensureTopUp();
    }

    private void spoken() {
        sentences++;
        counters.sentences.incrementAndGet();
    }

    /** Synthesises the apology into the cache (not played) when neither the first nor the last provider has it. */
    private void warmApology() {
        if (!options.cacheEnabled() || options.apology().isEmpty() || closed) {
            return;
        }
        for (TtsProvider p : new LinkedHashSet<>(List.of(options.chain().getFirst(), options.chain().getLast()))) {
            TtsEngine e = engines.get(p);
            TtsCache.Key key = TtsCache.Key.of(p, e.voiceKey(), e.format(), options.apology());
            if (resources.cache().get(key).isEmpty()) {
                TtsPrewarm.into(resources.cache(), e, List.of(options.apology()), uuid, loop, options.watchdog());
            }
        }
    }

    private void ensureTopUp() {
        if (playout.hasPending() && topUpTask == null) {
            topUpTask = loop.scheduleAtFixedRate(this::topUp, TOP_UP_PERIOD_MS, TOP_UP_PERIOD_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void topUp() {
        if (!playout.topUp()) {
            stopTopUp();
            checkIdle();
        }
    }

    private void stopTopUp() {
        if (topUpTask != null) {
            topUpTask.cancel(false);
            topUpTask = null;
        }
    }

    private void checkIdle() {
        if (finishing != null && !busy()) {
            String rid = finishing;
            finishing = null;
            host.finished(rid);
        }
    }

    private void logDropped(String responseId) {
        long suppressed = dropLog.tryAcquire(System.nanoTime());
        if (suppressed >= 0) {
            LOG.warn(uuid, "tts_audio", "dropped", "response_id", responseId, "reason", "answer longer than "
                    + TtsPlayout.MAX_PENDING_MS / 1000 + " s beyond the inject buffer", "suppressed", suppressed);
        }
    }

    private void snapshot() {
        queueDepth = queue.size();
        breakerState = breaker.state();
        TtsProvider active = breaker.active();
        provider = active == null ? "none" : active.label();
        failuresInARow = breaker.failuresInARow();
    }

    private static String shorten(String text) {
        return text.length() <= LOGGED_TEXT_CHARS ? text : text.substring(0, LOGGED_TEXT_CHARS) + "…";
    }

    /** One synthesis as the engine sees it: every callback hops to the loop, where stale ones are ignored. */
    private final class Request implements TtsListener {
        /** For a streamed sentence, the words so far until it is complete. */
        Sentence sentence;
        final TtsEngine engine;
        /** Null while a streamed sentence is incomplete. */
        TtsCache.Key key;
        final TtsAudioDecoder decoder;
        /** Played from the cache: no request, no watchdog, nothing for the breaker. */
        final boolean cached;
        /** When the provider got the sentence (a streamed one: its first words). */
        final long startNanos = System.nanoTime();
        /** When the first audio reached the gateway (the engine's thread), for the first-audio delay. */
        volatile long firstByteNanos;
        Synthesis synthesis;
        /** The engine's input while the model still writes the sentence; null once it is complete. */
        SentenceInput input;
        /** The words given to {@link #input} so far. */
        String streamed = "";
        TtsFailure failedEarly;
        ScheduledFuture<?> watchdog;
        boolean audible;
        ByteArrayOutputStream kept = new ByteArrayOutputStream();

        Request(Sentence sentence, TtsEngine engine, TtsCache.Key key, boolean cached) {
            this.cached = cached;
            this.sentence = sentence;
            this.engine = engine;
            this.key = key;
            this.decoder = new TtsAudioDecoder(engine.format());
        }

        /** Keeps the provider's bytes for the cache while they fit an entry. */
        void keep(byte[] data, long maxBytes) {
            if (kept != null && kept.size() + data.length <= maxBytes) {
                kept.write(data, 0, data.length);
            } else {
                kept = null;
            }
        }

        void cancelWatchdog() {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
        }

        void abort() {
            cancelWatchdog();
            if (synthesis != null) {
                synthesis.cancel();
            }
        }

        @Override
        public void onAudio(byte[] data, int off, int len) {
            if (firstByteNanos == 0) {
                firstByteNanos = System.nanoTime();
            }
            byte[] copy = Arrays.copyOfRange(data, off, off + len);
            loop.execute(() -> TtsPipeline.this.onAudio(this, copy));
        }

        @Override
        public void onComplete() {
            loop.execute(() -> TtsPipeline.this.onComplete(this));
        }

        @Override
        public void onFailure(TtsFailure failure) {
            loop.execute(() -> TtsPipeline.this.onFailure(this, failure));
        }
    }
}
