package org.audiostream.stream.ai;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Builds {@code input_audio_buffer.append} messages from captured frames: encodes each 20 ms frame in the
 * session's format and, once {@code appendMs} are collected, writes the whole JSON text
 * ({@code {"type":"input_audio_buffer.append","audio":"<base64>"}}) into one reused byte array. Every message
 * has the same length, so the send queue and the catch-up ring can use fixed slots.
 *
 * <p>Threads: confined to the session's clock shard; allocation-free after construction.
 */
final class AppendChunker {

    private static final byte[] PREFIX = "{\"type\":\"input_audio_buffer.append\",\"audio\":\""
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUFFIX = "\"}".getBytes(StandardCharsets.US_ASCII);

    private final RealtimeFormat format;
    private final byte[] audio;
    private final byte[] frame;
    private final byte[] base64;
    private final byte[] message;
    private final int base64Length;
    private int filled;

    /**
     * @param maxFrameSamples the most samples one {@link #add} may bring (a resampler can vary by one)
     */
    AppendChunker(RealtimeFormat format, int appendMs, int maxFrameSamples) {
        this.format = format;
        this.audio = new byte[appendMs * format.bytesPerMs()];
        this.frame = new byte[maxFrameSamples * format.bytesPerSample()];
        if (frame.length >= 2 * audio.length) {
            throw new IllegalArgumentException("append chunk of " + appendMs + " ms cannot take the rest of a "
                    + maxFrameSamples + "-sample frame");
        }
        this.base64Length = 4 * ((audio.length + 2) / 3);
        this.base64 = new byte[base64Length];
        this.message = new byte[PREFIX.length + base64Length + SUFFIX.length];
        System.arraycopy(PREFIX, 0, message, 0, PREFIX.length);
        System.arraycopy(SUFFIX, 0, message, PREFIX.length + base64Length, SUFFIX.length);
    }

    /**
     * Adds one frame of {@code samples} at the format's rate.
     *
     * @return {@code true} when a message is complete: read it with {@link #message()} before the next call
     */
    boolean add(short[] pcm, int samples) {
        int n = format.encode(pcm, samples, frame, 0);
        int fits = Math.min(n, audio.length - filled);
        System.arraycopy(frame, 0, audio, filled, fits);
        filled += fits;
        if (filled < audio.length) {
            return false;
        }
        Base64.getEncoder().encode(audio, base64);
        System.arraycopy(base64, 0, message, PREFIX.length, base64Length);
        filled = n - fits;
        System.arraycopy(frame, fits, audio, 0, filled);
        return true;
    }

    /** The last completed message; all {@link #messageLength()} bytes of it. */
    byte[] message() {
        return message;
    }

    int messageLength() {
        return message.length;
    }

    /** Milliseconds of audio per message. */
    int chunkMs() {
        return audio.length / format.bytesPerMs();
    }
}
