package org.audiostream.stream.ai.tts;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.audiostream.observe.Component;
import org.audiostream.observe.Log;

/**
 * Synthesises a phrase straight into the TTS cache without playing it (the apology, a greeting), so that it is
 * there when it is needed. Bounded by the cache's largest entry and by {@code limit}, after which the request is
 * cancelled. Threads: callbacks on the engine's threads; the result goes into the thread-safe cache.
 */
final class TtsPrewarm implements TtsListener {

    private static final Log LOG = Log.of(Component.TTS);

    private final TtsCache cache;
    private final TtsCache.Key key;
    private final TtsEngine engine;
    private final String uuid;
    private ByteArrayOutputStream audio = new ByteArrayOutputStream();
    private volatile ScheduledFuture<?> deadline;

    private TtsPrewarm(TtsCache cache, TtsCache.Key key, TtsEngine engine, String uuid) {
        this.cache = cache;
        this.key = key;
        this.engine = engine;
        this.uuid = uuid;
    }

    /** Starts synthesising {@code text} with {@code engine} into {@code cache} under {@code key}. */
    static void into(TtsCache cache, TtsCache.Key key, TtsEngine engine, String text, String uuid,
                     ScheduledExecutorService timer, Duration limit) {
        TtsPrewarm warm = new TtsPrewarm(cache, key, engine, uuid);
        Synthesis synthesis = engine.synthesize(text, warm);
        warm.deadline = timer.schedule(synthesis::cancel, limit.toMillis(), TimeUnit.MILLISECONDS);
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
            cache.put(key, new TtsCache.Audio(engine.format(), audio.toByteArray()));
            LOG.debug(uuid, "tts_prewarm", "ok", "provider", engine.provider().label(), "bytes", audio.size());
        }
    }

    @Override
    public void onFailure(TtsFailure failure) {
        cancelDeadline();
        LOG.info(uuid, "tts_prewarm", "failed", "provider", engine.provider().label(), "code", failure.code(),
                "message", failure.message());
    }

    private void cancelDeadline() {
        ScheduledFuture<?> d = deadline;
        if (d != null) {
            d.cancel(false);
        }
    }
}
