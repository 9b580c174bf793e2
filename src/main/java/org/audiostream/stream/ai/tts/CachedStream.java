package org.audiostream.stream.ai.tts;

import java.util.concurrent.Executor;

/**
 * A cached sentence played like a synthesis: its bytes are handed to the listener in chunks of
 * {@value #CHUNK_MS} ms, one loop task each, so that the first chunk is in the inject buffer at once (decoding and
 * the DSP chain for a whole sentence take a millisecond or more) and a barge-in between chunks stops the rest.
 * Threads: runs on {@code loop}; {@link #cancel} from the loop.
 */
final class CachedStream implements Synthesis {

    static final int CHUNK_MS = 200;

    private final byte[] audio;
    private final int chunkBytes;
    private final TtsListener listener;
    private final Executor loop;
    private int offset;
    private boolean cancelled;

    private CachedStream(TtsCache.Audio audio, TtsListener listener, Executor loop) {
        this.audio = audio.bytes();
        this.chunkBytes = audio.format().sampleRate() * audio.format().bytesPerSample() * CHUNK_MS / 1000;
        this.listener = listener;
        this.loop = loop;
    }

    static Synthesis start(TtsCache.Audio audio, TtsListener listener, Executor loop) {
        CachedStream stream = new CachedStream(audio, listener, loop);
        loop.execute(stream::step);
        return stream;
    }

    private void step() {
        if (cancelled) {
            return;
        }
        int n = Math.min(chunkBytes, audio.length - offset);
        listener.onAudio(audio, offset, n);
        offset += n;
        if (offset < audio.length) {
            loop.execute(this::step);
        } else {
            listener.onComplete();
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
    }
}
