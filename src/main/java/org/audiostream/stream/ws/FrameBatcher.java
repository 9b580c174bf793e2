package org.audiostream.stream.ws;

/**
 * Accumulates {@code AUDIO_STREAM_RTP_PACKETS} 20 ms frames of PCM as L16 little-endian into one
 * preallocated buffer, the payload of one binary WS message (mod_audio_stream §1.3: no header,
 * interleaved L/R for stereo).
 *
 * <pre>
 * if (batcher.add(pcm, 0)) {
 *     client.offerAudio(batcher.buffer(), 0, batcher.length());   // drops and counts when full
 *     batcher.clear();
 * }
 * </pre>
 *
 * <p>The capture half of the mod_audio_stream dialect. Allocation-free after construction. Threads: confined to
 * the owning clock shard.
 */
public final class FrameBatcher implements CaptureEncoder {

    private final int frameSamples;
    private final int framesPerBatch;
    private final byte[] buffer;
    private int frames;

    /**
     * @param sampleRate the stream rate in Hz (a multiple of 50)
     * @param channels 1 or 2
     * @param framesPerBatch 20 ms frames per message, 1 or more
     */
    public FrameBatcher(int sampleRate, int channels, int framesPerBatch) {
        if (sampleRate <= 0 || sampleRate % 50 != 0) {
            throw new IllegalArgumentException("FrameBatcher rejected: sampleRate=" + sampleRate
                    + " must be a positive multiple of 50 Hz (20 ms frames)");
        }
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("FrameBatcher rejected: channels=" + channels + " not one of [1, 2]");
        }
        if (framesPerBatch < 1 || framesPerBatch > 50) {
            throw new IllegalArgumentException("FrameBatcher rejected: framesPerBatch=" + framesPerBatch
                    + " out of range 1-50 (20 ms to 1 s)");
        }
        this.frameSamples = sampleRate / 50 * channels;
        this.framesPerBatch = framesPerBatch;
        this.buffer = new byte[frameSamples * 2 * framesPerBatch];
    }

    /** Interleaved samples in one 20 ms frame ({@code rate / 50 * channels}). */
    public int frameSamples() {
        return frameSamples;
    }

    @Override
    public int batchBytes() {
        return buffer.length;
    }

    @Override
    public int batchMillis() {
        return 20 * framesPerBatch;
    }

    /**
     * Appends one 20 ms frame, {@code pcm[offset, offset + frameSamples())}.
     *
     * @return {@code true} when the batch is now full: send {@link #buffer()} then {@link #clear()}
     * @throws IllegalStateException if the batch was already full (the caller forgot to clear it)
     */
    @Override
    public boolean add(short[] pcm, int offset) {
        if (frames == framesPerBatch) {
            throw new IllegalStateException("FrameBatcher full: frames=" + frames + " = framesPerBatch, call clear()");
        }
        int at = frames * frameSamples * 2;
        for (int i = 0; i < frameSamples; i++) {
            short s = pcm[offset + i];
            buffer[at++] = (byte) s;
            buffer[at++] = (byte) (s >> 8);
        }
        return ++frames == framesPerBatch;
    }

    @Override
    public byte[] buffer() {
        return buffer;
    }

    @Override
    public int length() {
        return frames * frameSamples * 2;
    }

    /** {@code true} when {@link #add} returned {@code true} and {@link #clear()} was not called yet. */
    public boolean full() {
        return frames == framesPerBatch;
    }

    @Override
    public void clear() {
        frames = 0;
    }
}
