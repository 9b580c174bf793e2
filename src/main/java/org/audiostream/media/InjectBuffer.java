package org.audiostream.media;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Inject-path buffer: audio from the stream target (WS {@code streamAudio}, TTS) queued for playout
 * into the call, one frame per media-clock tick. A lock-free ring of mono 16-bit samples at the
 * call's codec rate; sample-exact (nothing is trimmed to frame boundaries); allocation-free on
 * {@link #write} and {@link #read}. Threads: one producer thread calls {@link #write} and {@link
 * #mark}; one consumer thread (the owning clock shard) calls {@link #read}; {@link #clear}, {@link
 * #inUseSamples} and {@link #stats} may be called from any thread.
 *
 * <h2>Positions and the single-producer/single-consumer overflow</h2>
 *
 * Every sample gets a monotonically increasing position. {@code writePos} is published by the
 * producer after the samples are in the ring; {@code readPos} is the oldest queued sample. Samples
 * at positions {@code [readPos, writePos)} are queued, and {@code writePos - readPos <= capacity}
 * always. {@code readPos} only moves forward, by compare-and-set, from three places: the consumer
 * after copying a frame out (played), the producer when it needs room (overflow drops the oldest),
 * and {@link #clear} (drops everything). The producer overwrites a slot only after a successful CAS
 * moved {@code readPos} past it, so a consumer that copied that slot concurrently finds its own CAS
 * failing and copies again from the new {@code readPos}: a sample is never played twice, out of
 * order, or torn. Because every advance is one successful CAS over a disjoint range, each sample is
 * counted exactly once as played, dropped by overflow, dropped by a backlog reset, or dropped by a
 * clear. The ring holds exactly {@code capacity} samples; positions map to slots modulo the
 * capacity, computed once per copy (two {@code arraycopy}s at most), not per sample.
 *
 * <h2>Playout rules</h2>
 *
 * <ul>
 *   <li><b>Talk-spurt start (jitter prebuffer).</b> While playout is idle, a frame starts playout
 *       if at least the {@linkplain #prebuffer prebuffer} of audio is queued, or if audio has been
 *       queued for at least the prebuffer's worth of frames (counted in {@code read} calls, i.e.
 *       media-clock ticks, from the first tick that saw the queue non-empty). The second condition
 *       means a prompt shorter than the prebuffer still plays, at most the prebuffer late. It starts
 *       as {@code minBufferMs}; the session changes it with the stream mode.
 *   <li><b>While playing</b> every queued sample is played, including a tail shorter than the
 *       prebuffer or than a frame (no hold, unlike PR #118's check on every frame).
 *   <li><b>Underrun.</b> A frame in which playout is active (already, or started by this frame's
 *       prebuffer check) and that cannot be filled completely counts as an underrun frame, is
 *       zero-padded, and ends the talk spurt (playout goes idle and the next audio is prebuffered
 *       again). The last frame of every talk spurt is therefore one underrun frame unless the spurt
 *       was ended by {@link #clear}; idle frames never count.
 *   <li><b>Hold</b> (a barge-in not yet confirmed). While {@linkplain #hold held}, every frame is silent and
 *       nothing queued is consumed, played, trimmed or counted as an underrun; released, playout goes on
 *       where it stopped. A clear while held drops the queued audio as usual.
 *   <li><b>Clear</b> (barge-in) drops all queued audio and ends the talk spurt without counting an
 *       underrun.
 *   <li><b>Overflow.</b> A write that does not fit drops the oldest queued audio, exactly as many
 *       samples as needed (no rounding to frames); a write longer than the whole buffer keeps its
 *       newest {@code capacity} samples. One overflow event per such write.
 *   <li><b>Overflow recovery</b> (seed §8.3). When more than {@value #RESET_OVERFLOWS_PER_SECOND}
 *       overflow events fall within one second (the current one and the previous {@value
 *       #RESET_OVERFLOWS_PER_SECOND} are less than 1 s apart, by the producer's {@code nowNanos}),
 *       the whole backlog is dropped after the overflow, the new write is kept,
 *       {@link InjectListener#onBacklogReset} is called and the window restarts.
 *   <li><b>Standing backlog</b> (DESIGN.md §4 rule 9). Every {@value #STANDING_WINDOW_TICKS} frames the
 *       consumer looks at the lowest queued level it saw before each read of the window: that much audio
 *       stood in the buffer the whole time, a delay every sample of the window paid. It is published as
 *       {@link InjectStats#standingSamples()}. With {@linkplain #trimLiveBacklog live trimming} on, a
 *       level that stood at least {@value #TRIM_EXCESS_FRAMES} frames above the target (the prebuffer,
 *       at least one frame) for {@value #TRIM_AFTER_WINDOWS} windows in a row is cut back to the target,
 *       in whole frames, if the last window looks like a live stream: the producer wrote between
 *       {@value #LIVE_MIN_PERCENT} % and {@value #LIVE_MAX_PERCENT} % of what was played. A
 *       faster-than-real-time burst (TTS written ahead) writes more than that while it arrives and
 *       nothing while it drains, so it is always played in full; a live stream that a stall left
 *       behind (its burst queued on top of the prebuffer) is back at the target within three windows
 *       (1.5 s). A jittery producer whose level only dips now and then is not cut at every wobble.
 *       Trimmed audio counts as dropped for marks.
 *   <li><b>Marks</b> (jambonz). {@link #mark} places a mark after every sample written so far. It
 *       is reported {@linkplain InjectListener#onMarkPlayed played} when the last sample written
 *       before it has been played (or at the next read if nothing was ever written), and {@linkplain
 *       InjectListener#onMarkCleared cleared} when that sample was dropped by clear, overflow or a
 *       backlog reset. Reports are delivered by the consumer in {@link #read}, in mark order. At
 *       most {@value #MAX_OUTSTANDING_MARKS} marks may be outstanding; more are rejected.
 * </ul>
 */
public final class InjectBuffer {

    /** Outstanding marks allowed, as jambonz's {@code mod_audio_fork}. */
    public static final int MAX_OUTSTANDING_MARKS = 30;
    /** Overflow events per second tolerated before the backlog is reset (seed §8.3). */
    public static final int RESET_OVERFLOWS_PER_SECOND = 5;

    /** Frames (20 ms reads) over which the standing backlog is observed: 0.5 s. */
    public static final int STANDING_WINDOW_TICKS = 25;
    /** Written/played ratio bounds (percent) of a window that counts as a live, real-time stream. */
    static final int LIVE_MIN_PERCENT = 75;
    static final int LIVE_MAX_PERCENT = 125;
    /** A backlog is trimmed once it stood this many frames above the target ... */
    static final int TRIM_EXCESS_FRAMES = 2;
    /** ... for this many windows in a row (1 s), the last of them live. */
    static final int TRIM_AFTER_WINDOWS = 2;

    private static final long RESET_WINDOW_NANOS = 1_000_000_000L;

    private final short[] ring;
    private final int capacity;
    private final int sampleRate;
    private final InjectListener listener;
    private final InjectMarks marks = new InjectMarks(MAX_OUTSTANDING_MARKS);

    // Shared positions: readPos is CAS-advanced by consumer, producer and clear(); writePos by the producer.
    private final AtomicLong readPos = new AtomicLong();
    private final AtomicLong writePos = new AtomicLong();
    // Any thread (clear); clears is incremented before the drop so the consumer can tell a clear from an underrun.
    private final AtomicLong clears = new AtomicLong();
    private final AtomicLong samplesDroppedByClear = new AtomicLong();

    // Written by the producer only.
    private long writeCursor;
    private final long[] overflowTimes = new long[RESET_OVERFLOWS_PER_SECOND + 1];
    private int overflowTimesFilled;
    private int overflowTimesNext;
    private long lastOverflowWindowNanos;
    private volatile long writes;
    private volatile long samplesWritten;
    private volatile long overflows;
    private volatile long samplesDroppedByOverflow;
    private volatile long backlogResets;
    private volatile long samplesDroppedByReset;
    private volatile long marksRejected;

    // Written by the consumer only.
    private boolean playing;
    private long waitedSamples;
    private long settledPos;
    private boolean lastSettledDropped;
    private long seenClears;
    private volatile long framesRead;
    private volatile long underrunFrames;
    private volatile long samplesPlayed;
    private volatile long marksPlayed;
    private volatile long marksCleared;
    private int windowTicks;
    private long windowLow = Long.MAX_VALUE;
    private int windowsStanding;
    private long windowWrittenStart;
    private long windowPlayedStart;
    private volatile long standingSamples;
    private volatile long trims;
    private volatile long samplesDroppedByTrim;

    // Any thread (the session switches them with the stream mode); read by the consumer.
    private volatile boolean trimLive;
    private volatile int prebufferSamples;
    private volatile boolean held;

    /**
     * @param bufferMs capacity in milliseconds ({@code AUDIO_STREAM_INJECT_BUFFER_MS})
     * @param minBufferMs talk-spurt prebuffer in milliseconds ({@code
     *     AUDIO_STREAM_INJECT_MIN_BUFFER_MS}), 0 to start playout as soon as audio is queued
     * @param sampleRate the call's codec rate in Hz; capacity is {@code sampleRate * bufferMs / 1000}
     *     samples
     * @throws IllegalArgumentException if a value is out of range (clamping is config's job)
     */
    public InjectBuffer(int bufferMs, int minBufferMs, int sampleRate, InjectListener listener) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("inject buffer rejected: sampleRate=" + sampleRate + " <= 0");
        }
        long samples = (long) sampleRate * bufferMs / 1000;
        if (samples < 1 || samples > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("inject buffer rejected: AUDIO_STREAM_INJECT_BUFFER_MS="
                    + bufferMs + " gives " + samples + " samples, outside [1, " + (Integer.MAX_VALUE - 8)
                    + "] (sampleRate=" + sampleRate + ")");
        }
        if (minBufferMs < 0 || minBufferMs > bufferMs) {
            throw new IllegalArgumentException("inject buffer rejected: AUDIO_STREAM_INJECT_MIN_BUFFER_MS="
                    + minBufferMs + " outside [0, AUDIO_STREAM_INJECT_BUFFER_MS=" + bufferMs
                    + "] (sampleRate=" + sampleRate + ")");
        }
        this.capacity = (int) samples;
        this.ring = new short[capacity];
        this.sampleRate = sampleRate;
        this.prebufferSamples = samplesOf(minBufferMs);
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public int capacitySamples() {
        return capacity;
    }

    public int sampleRate() {
        return sampleRate;
    }

    /**
     * Turns live trimming of a standing backlog on or off (see the class rules): on for a live stream
     * (a WebSocket app answering in real time), off for a producer that paces its own playout ahead.
     * Any thread; takes effect at the next window.
     */
    public void trimLiveBacklog(boolean on) {
        trimLive = on;
    }

    /**
     * Sets the talk-spurt prebuffer (and the live-trim target) in milliseconds, at most the capacity: the
     * stream's own {@code AUDIO_STREAM_INJECT_MIN_BUFFER_MS} for a WebSocket app, less for a producer that
     * writes ahead of real time (an AI answer). Any thread; takes effect at the next talk-spurt start.
     */
    public void prebuffer(int ms) {
        prebufferSamples = Math.min(capacity, samplesOf(Math.max(0, ms)));
    }

    private int samplesOf(int ms) {
        return (int) ((long) sampleRate * ms / 1000);
    }

    /** Holds or releases playout (see the class rules). Any thread; takes effect at the next read. */
    public void hold(boolean on) {
        held = on;
    }

    public boolean held() {
        return held;
    }

    /** Samples queued and not yet played or dropped. Any thread. */
    public int inUseSamples() {
        long r = readPos.getAcquire();
        return (int) (writePos.getAcquire() - r);
    }

    // ---------------------------------------------------------------- producer

    /**
     * Queues {@code pcm[off, off + len)} for playout, dropping the oldest queued audio if it does
     * not fit (see the class rules). Producer thread only; never blocks.
     *
     * @param nowNanos the producer's clock, used only for the overflow-rate window
     */
    public void write(short[] pcm, int off, int len, long nowNanos) {
        Objects.checkFromIndexSize(off, len, pcm.length);
        if (len == 0) {
            return;
        }
        writes++;
        samplesWritten += len;
        int skipped = Math.max(0, len - capacity);
        int start = off + skipped;
        int count = len - skipped;
        long w = writeCursor;
        long dropped = dropToFit(w, count);
        long resetDropped = -1;
        if (dropped + skipped > 0) {
            overflows++;
            samplesDroppedByOverflow += dropped + skipped;
            if (overflowRateExceeded(nowNanos)) {
                resetDropped = dropUpTo(w);
                backlogResets++;
                samplesDroppedByReset += resetDropped;
            }
        }
        copyIn(w, pcm, start, count);
        writeCursor = w + count;
        writePos.setRelease(w + count);
        if (resetDropped >= 0) {
            listener.onBacklogReset(overflowTimes.length, lastOverflowWindowNanos, resetDropped);
        }
    }

    /**
     * Places a mark after every sample written so far. Producer thread only.
     *
     * @throws IllegalStateException if {@value #MAX_OUTSTANDING_MARKS} marks are already outstanding
     *     (counted in {@link InjectStats#marksRejected()})
     */
    public void mark(String name) {
        Objects.requireNonNull(name, "name");
        if (!marks.offer(writeCursor, name)) {
            marksRejected++;
            throw new IllegalStateException("inject mark rejected: outstanding=" + marks.outstanding()
                    + " >= max=" + MAX_OUTSTANDING_MARKS + " (mark name=" + name + ")");
        }
    }

    /** Records an overflow at {@code now}; true if it is the (N+1)th within one second. */
    private boolean overflowRateExceeded(long now) {
        overflowTimes[overflowTimesNext] = now;
        overflowTimesNext = (overflowTimesNext + 1) % overflowTimes.length;
        if (overflowTimesFilled < overflowTimes.length) {
            overflowTimesFilled++;
        }
        if (overflowTimesFilled < overflowTimes.length) {
            return false;
        }
        long window = now - overflowTimes[overflowTimesNext]; // the slot after the newest is the oldest
        if (window >= RESET_WINDOW_NANOS) {
            return false;
        }
        lastOverflowWindowNanos = window;
        overflowTimesFilled = 0;
        return true;
    }

    /** Advances readPos just enough that {@code count} more samples after {@code w} fit. */
    private long dropToFit(long w, int count) {
        for (;;) {
            long r = readPos.getAcquire();
            long excess = (w - r) + count - capacity;
            if (excess <= 0) {
                return 0;
            }
            if (readPos.compareAndSet(r, r + excess)) {
                return excess;
            }
        }
    }

    private void copyIn(long position, short[] src, int off, int count) {
        int slot = (int) (position % capacity);
        int first = Math.min(count, capacity - slot);
        System.arraycopy(src, off, ring, slot, first);
        System.arraycopy(src, off + first, ring, 0, count - first);
    }

    // ---------------------------------------------------------------- any thread

    /**
     * Drops all queued audio (barge-in, {@code {"clear":true}}, {@code killAudio}) and ends the talk
     * spurt. Marks behind the dropped audio are reported as cleared by the consumer's next {@link
     * #read}. Any thread; lock-free.
     *
     * @return samples dropped
     */
    public long clear() {
        long end = writePos.getAcquire();
        return end - Math.min(end, clearAtPlayhead(end));
    }

    /**
     * {@link #clear()} that tells where playout stopped: every sample below the returned position had been
     * played (or dropped earlier) when the clear took effect; every queued sample from it on is dropped. This
     * is what a barge-in needs to say how much of a response the caller actually heard. Any thread.
     */
    public long clearAtPlayhead() {
        return clearAtPlayhead(writePos.getAcquire());
    }

    private long clearAtPlayhead(long end) {
        clears.incrementAndGet();
        for (;;) {
            long r = readPos.getAcquire();
            if (r >= end) {
                return r;
            }
            if (readPos.compareAndSet(r, end)) {
                samplesDroppedByClear.addAndGet(end - r);
                return r;
            }
        }
    }

    /** The position the next written sample will get (positions count every sample ever queued). Producer only. */
    public long writePosition() {
        return writeCursor;
    }

    /** Advances readPos to {@code target} unless it is already there; returns the samples skipped. */
    private long dropUpTo(long target) {
        for (;;) {
            long r = readPos.getAcquire();
            if (r >= target) {
                return 0;
            }
            if (readPos.compareAndSet(r, target)) {
                return target - r;
            }
        }
    }

    // ---------------------------------------------------------------- consumer

    /**
     * Fills {@code out[off, off + len)} with the next frame of queued audio, zero-padding whatever
     * is missing, and delivers mark reports. Consumer thread only; one call per frame tick.
     *
     * @return the number of real (not padded) samples written
     */
    public int read(short[] out, int off, int len) {
        Objects.checkFromIndexSize(off, len, out.length);
        framesRead++;
        if (clearSignalled()) {
            playing = false;
            waitedSamples = 0;
        }
        if (held) {
            Arrays.fill(out, off, off + len, (short) 0);
            return 0;
        }
        observeStanding(writePos.getAcquire() - readPos.getAcquire(), len);
        long r = readPos.getAcquire();
        settle(r, true);
        if (!playing) {
            playing = startPlayout(writePos.getAcquire() - r, len);
            if (playing) {
                listener.onPlayoutStarted();
            }
        }
        int played = 0;
        if (playing) {
            played = drain(out, off, len);
            if (played < len) {
                playing = false;
                waitedSamples = 0;
                if (!clearSignalled()) {
                    underrunFrames++;
                }
            }
        }
        Arrays.fill(out, off + played, off + len, (short) 0);
        samplesPlayed += played;
        return played;
    }

    /** Tracks the window's lowest queued level and, at the window's end, publishes and trims it. */
    private void observeStanding(long queued, int frame) {
        windowLow = Math.min(windowLow, queued);
        if (++windowTicks < STANDING_WINDOW_TICKS) {
            return;
        }
        long written = samplesWritten - windowWrittenStart;
        long played = samplesPlayed - windowPlayedStart;
        standingSamples = windowLow;
        long target = Math.max(prebufferSamples, frame);
        boolean live = written * 100 >= played * LIVE_MIN_PERCENT && written * 100 <= played * LIVE_MAX_PERCENT;
        windowsStanding = windowLow >= target + TRIM_EXCESS_FRAMES * frame ? windowsStanding + 1 : 0;
        if (trimLive && playing && live && windowsStanding >= TRIM_AFTER_WINDOWS) {
            long excess = (windowLow - target) / frame * frame;
            long dropped = dropUpTo(readPos.getAcquire() + excess);
            if (dropped > 0) {
                trims++;
                samplesDroppedByTrim += dropped;
                listener.onBacklogTrimmed(windowLow, dropped);
            }
            windowsStanding = 0;
        }
        windowTicks = 0;
        windowLow = Long.MAX_VALUE;
        windowWrittenStart = samplesWritten;
        windowPlayedStart = samplesPlayed;
    }

    private boolean clearSignalled() {
        long seen = clears.get();
        if (seen == seenClears) {
            return false;
        }
        seenClears = seen;
        return true;
    }

    private boolean startPlayout(long queued, int frame) {
        if (queued == 0) {
            waitedSamples = 0;
            return false;
        }
        int prebuffer = prebufferSamples;
        if (queued >= prebuffer || waitedSamples >= prebuffer) {
            waitedSamples = 0;
            return true;
        }
        waitedSamples += frame;
        return false;
    }

    private int drain(short[] out, int off, int len) {
        for (;;) {
            long r = readPos.getAcquire();
            settle(r, true);
            int n = (int) Math.min(len, writePos.getAcquire() - r);
            if (n == 0) {
                return 0;
            }
            copyOut(r, out, off, n);
            if (readPos.compareAndSet(r, r + n)) {
                settle(r + n, false);
                return n;
            }
            // The producer or clear() dropped what we were copying: copy again from the new readPos.
        }
    }

    private void copyOut(long position, short[] dst, int off, int count) {
        int slot = (int) (position % capacity);
        int first = Math.min(count, capacity - slot);
        System.arraycopy(ring, slot, dst, off, first);
        System.arraycopy(ring, 0, dst, off + first, count - first);
    }

    /**
     * Records that positions below {@code end} are settled (played if {@code !dropped}, otherwise
     * dropped) and reports the marks they decide.
     */
    private void settle(long end, boolean dropped) {
        long position;
        while ((position = marks.peekPosition()) <= end) {
            boolean cleared = position > settledPos ? dropped : lastSettledDropped;
            String name = marks.poll();
            if (cleared) {
                marksCleared++;
                listener.onMarkCleared(name);
            } else {
                marksPlayed++;
                listener.onMarkPlayed(name);
            }
        }
        if (end > settledPos) {
            settledPos = end;
            lastSettledDropped = dropped;
        }
    }

    // ---------------------------------------------------------------- observation

    /** Counters and fill level for health and metrics. Any thread; allocates the snapshot. */
    public InjectStats stats() {
        return new InjectStats(sampleRate, capacity, inUseSamples(), writes, samplesWritten, samplesPlayed,
                framesRead, underrunFrames, overflows, samplesDroppedByOverflow, backlogResets,
                samplesDroppedByReset, clears.get(), samplesDroppedByClear.get(), marksPlayed,
                marksCleared, marksRejected, marks.outstanding(), standingSamples, trims, samplesDroppedByTrim);
    }
}
