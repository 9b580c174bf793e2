package org.audiostream.call.rtp;

/**
 * Jitter buffer settings: the codec sample rate and the playout delay it starts at and adapts
 * within.
 *
 * <p>Threads: immutable.
 *
 * @param sampleRate samples per second of the decoded audio (and of the RTP clock)
 * @param initialDelayMs playout delay after (re)synchronising to a stream
 * @param minDelayMs lower bound of the adaptive delay, at least one 20 ms frame
 * @param maxDelayMs upper bound of the adaptive delay
 */
public record JitterBufferConfig(int sampleRate, int initialDelayMs, int minDelayMs, int maxDelayMs) {

    /** 8 kHz, start at 40 ms, adapt within 20–200 ms. */
    public static final JitterBufferConfig DEFAULT = new JitterBufferConfig(8000, 40, 20, 200);

    public JitterBufferConfig {
        if (sampleRate < 8000 || sampleRate > 48000 || sampleRate % 50 != 0) {
            throw new IllegalArgumentException("jitter buffer sample rate out of range: sampleRate=" + sampleRate
                    + " outside 8000..48000 Hz in steps of 50 Hz");
        }
        if (minDelayMs < 20) {
            throw new IllegalArgumentException("jitter buffer delay too small: minDelayMs=" + minDelayMs + " < 20 (one frame)");
        }
        if (maxDelayMs > 1000) {
            throw new IllegalArgumentException("jitter buffer delay too large: maxDelayMs=" + maxDelayMs + " > 1000");
        }
        if (initialDelayMs < minDelayMs || initialDelayMs > maxDelayMs) {
            throw new IllegalArgumentException("jitter buffer initial delay out of range: initialDelayMs=" + initialDelayMs
                    + " outside " + minDelayMs + ".." + maxDelayMs + " ms (minDelayMs..maxDelayMs)");
        }
    }

    /** Samples in {@code ms} milliseconds at {@link #sampleRate()}. */
    int samples(int ms) {
        return (int) ((long) ms * sampleRate / 1000);
    }
}
