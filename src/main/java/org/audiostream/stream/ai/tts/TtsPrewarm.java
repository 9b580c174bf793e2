package org.audiostream.stream.ai.tts;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;

/**
 * Synthesises phrases straight into the TTS cache without playing them (the apology, a greeting), one after the
 * other, so that they are there when they are needed. Each is bounded by the cache's largest entry and by
 * {@code limit}, after which its request is cancelled. Threads: callbacks on the engine's threads, serialised by
 * the monitor; the results go into the thread-safe cache.
 */
final class TtsPrewarm implements TtsListener {

    private static final Log LOG = Log.of(Component.TTS);

    private final TtsCache cache;
    private final TtsEngine engine;
    private final String uuid;
    private final ScheduledExecutorService timer;
    private final Duration limit;
    private final ArrayDeque<String> phrases;
    private String phrase;
    private ByteArrayOutputStream audio;
    private ScheduledFuture<?> deadline;

    private TtsPrewarm(TtsCache cache, TtsEngine engine, List<String> phrases, String uuid,
                       ScheduledExecutorService timer, Duration limit) {
        this.cache = cache;
        this.engine = engine;
        this.phrases = new ArrayDeque<>(phrases);
        this.uuid = uuid;
        this.timer = timer;
        this.limit = limit;
    }

    /** Starts synthesising {@code phrases} with {@code engine} into {@code cache}, in turn. */
    static void into(TtsCache cache, TtsEngine engine, List<String> phrases, String uuid,
                     ScheduledExecutorService timer, Duration limit) {
        TtsPrewarm warm = new TtsPrewarm(cache, engine, phrases, uuid, timer, limit);
        synchronized (warm) {
            warm.next();
        }
    }

    private void next() {
        phrase = phrases.pollFirst();
        if (phrase == null) {
            return;
        }
        audio = new ByteArrayOutputStream();
        Synthesis synthesis = engine.synthesize(phrase, this);
        deadline = timer.schedule(synthesis::cancel, limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void onAudio(byte[] data, int off, int len) {
        if (audio != null && audio.size() + len <= cache.maxEntryBytes()) {
            audio.write(data, off, len);
        } else {
            audio = null;
        }
    }

    @Override
    public synchronized void onComplete() {
        cancelDeadline();
        if (audio != null && audio.size() > 0) {
            cache.put(TtsCache.Key.of(engine.provider(), engine.voiceKey(), engine.format(), phrase),
                    new TtsCache.Audio(engine.format(), audio.toByteArray()));
            LOG.debug(uuid, "tts_prewarm", "ok", "provider", engine.provider().label(), "bytes", audio.size());
        }
        next();
    }

    @Override
    public synchronized void onFailure(TtsFailure failure) {
        cancelDeadline();
        LOG.info(uuid, "tts_prewarm", "failed", "provider", engine.provider().label(), "code", failure.code(),
                "message", failure.message());
        next();
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }
}
