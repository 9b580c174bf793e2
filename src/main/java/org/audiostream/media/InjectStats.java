package org.audiostream.media;

/**
 * Snapshot of an {@link InjectBuffer}'s fill level and counters, for the health report (seed §2.1
 * {@code inject} object) and metrics. Counters are read one by one, so a snapshot taken while the
 * buffer is in use is not atomic across fields. Threads: immutable; any thread.
 *
 * @param capacitySamples ring capacity in samples (mono, at {@code sampleRate})
 * @param inUseSamples samples queued and not yet played or dropped
 * @param writes non-empty {@code write} calls (the seed's inject messages)
 * @param samplesWritten samples passed to {@code write}
 * @param samplesPlayed real samples handed out by {@code read}
 * @param framesRead {@code read} calls
 * @param underrunFrames frames that ran dry while playout was active (see {@link InjectBuffer})
 * @param overflows {@code write} calls that had to drop audio to fit
 * @param samplesDroppedByOverflow samples dropped by overflows (oldest queued audio, or the head of
 *     a write longer than the whole buffer)
 * @param backlogResets times the overflow rate exceeded the threshold and the backlog was dropped
 * @param samplesDroppedByReset samples dropped by backlog resets
 * @param clears {@code clear} calls
 * @param samplesDroppedByClear samples dropped by {@code clear}
 * @param marksPlayed marks reported as played out
 * @param marksCleared marks reported as cleared
 * @param marksRejected marks rejected because too many were outstanding
 * @param marksOutstanding marks queued and not yet reported
 * @param standingSamples the lowest queued level over the last completed window of {@value
 *     InjectBuffer#STANDING_WINDOW_TICKS} frames: the delay the buffer held throughout
 * @param trims times a live stream's standing backlog was cut back to the target
 * @param samplesDroppedByTrim samples dropped by those trims
 */
public record InjectStats(
        int sampleRate,
        long capacitySamples,
        long inUseSamples,
        long writes,
        long samplesWritten,
        long samplesPlayed,
        long framesRead,
        long underrunFrames,
        long overflows,
        long samplesDroppedByOverflow,
        long backlogResets,
        long samplesDroppedByReset,
        long clears,
        long samplesDroppedByClear,
        long marksPlayed,
        long marksCleared,
        long marksRejected,
        int marksOutstanding,
        long standingSamples,
        long trims,
        long samplesDroppedByTrim) {

    /** Seed §2.1 {@code buffer_inuse_bytes}: queued audio as 16-bit PCM bytes. */
    public long bufferInUseBytes() {
        return inUseSamples * Short.BYTES;
    }

    /** Seed §2.1 {@code buffer_capacity_bytes}. */
    public long bufferCapacityBytes() {
        return capacitySamples * Short.BYTES;
    }

    /** Seed §2.1 {@code buffer_fill_pct}: 0–100. */
    public double bufferFillPct() {
        return capacitySamples == 0 ? 0.0 : 100.0 * inUseSamples / capacitySamples;
    }

    /** Seed §2.1 {@code underrun_pct}: underrun frames per frame read, 0–100. */
    public double underrunPct() {
        return framesRead == 0 ? 0.0 : 100.0 * underrunFrames / framesRead;
    }

    /** Seed §2.1 {@code overflow_count}. */
    public long overflowCount() {
        return overflows;
    }

    /** The standing backlog in milliseconds (see {@link #standingSamples}). */
    public long standingMs() {
        return 1000 * standingSamples / sampleRate;
    }

    /** Queued audio in milliseconds (the seed's {@code ring_buffer_ms}). */
    public double inUseMs() {
        return 1000.0 * inUseSamples / sampleRate;
    }
}
