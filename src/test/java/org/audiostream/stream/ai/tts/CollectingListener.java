package org.audiostream.stream.ai.tts;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A {@link TtsListener} that keeps what it heard, for engine tests. Threads: thread-safe. */
final class CollectingListener implements TtsListener {

    private final ByteArrayOutputStream audio = new ByteArrayOutputStream();
    final CompletableFuture<TtsFailure> ended = new CompletableFuture<>();
    volatile long firstAudioNanos;
    final long startNanos = System.nanoTime();

    @Override
    public synchronized void onAudio(byte[] data, int off, int len) {
        if (firstAudioNanos == 0) {
            firstAudioNanos = System.nanoTime();
        }
        audio.write(data, off, len);
    }

    @Override
    public void onComplete() {
        ended.complete(null);
    }

    @Override
    public void onFailure(TtsFailure failure) {
        ended.complete(failure);
    }

    synchronized byte[] audio() {
        return audio.toByteArray();
    }

    /** Null for success, else the failure; fails the test if nothing ends it in time. */
    TtsFailure await(Duration timeout) throws Exception {
        return ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
