package org.audiostream.call.rtp;

import java.util.Arrays;

/**
 * Receive-side jitter buffer of one call: decoded RTP packets go in by sequence number and
 * timestamp, 20 ms frames come out once per media-clock tick, played out by timestamp so that any
 * packet time from 10 to 120 ms works.
 *
 * <p>Playout runs at a fixed delay behind the stream, set when the buffer synchronises (first
 * packet, SSRC change, sequence restart, a timestamp jump, or the marker bit of a talk spurt that
 * starts on an empty buffer). The delay adapts simply: a packet that arrives after its playout time
 * is dropped and counted, and the delay grows by one frame (a silent frame is inserted). It comes
 * back as soon as the network lets it: the buffer's low-water mark is observed over windows of
 * {@value #ADAPT_WINDOW_TICKS} ticks; at the end of each window the target shrinks by one frame once
 * {@value #SHRINK_AFTER_QUIET_TICKS} ticks have passed without a late packet while it is above the start
 * delay (grown by lateness), or {@value #SETTLE_AFTER_QUIET_TICKS} ticks below it (settling towards the
 * minimum is no hurry, and a short call keeps one steady delay), and every whole frame
 * the buffer held above the target throughout the window is skipped over the next window: the next
 * quiet frames (peak below {@value #QUIET_PEAK}, or missing), so that the shrink drops pauses, or, when
 * at least {@value #LOUD_SKIP_MIN_EXCESS_FRAMES} frames stand above the target and no pause has come for
 * {@value #LOUD_SKIP_AFTER_TICKS} ticks, a loud one (a 20 ms glitch is better than carrying a grown
 * delay for as long as the speech goes on; the last frame of excess, such as the start delay settling
 * to the minimum, always waits for a pause). Missing audio is concealed with silence and counted.
 *
 * <p>Threads: not thread-safe; confined to the owning clock shard, which calls {@link #push} while
 * draining the socket and then {@link #pull} once per tick. Never allocates after construction.
 */
public final class JitterBuffer {

    /** Ticks (20 ms each) over which the buffer's low-water mark is observed before shrinking. */
    static final int ADAPT_WINDOW_TICKS = 50;
    /** Ticks without a late packet before a target above the start delay shrinks (by a frame per window). */
    static final int SHRINK_AFTER_QUIET_TICKS = 100;
    /** Ticks without a late packet before a target at or below the start delay shrinks towards the minimum. */
    static final int SETTLE_AFTER_QUIET_TICKS = 250;
    /** Ticks a due skip waits for a pause before it drops a loud frame. */
    static final int LOUD_SKIP_AFTER_TICKS = 50;
    /** Frames of excess above the target from which a skip may drop a loud frame. */
    static final int LOUD_SKIP_MIN_EXCESS_FRAMES = 2;
    /** Peak magnitude (about -30 dBFS) below which a frame is a pause that a delay shrink may drop. */
    static final int QUIET_PEAK = 1024;
    /** Longest packet accepted, in ms. */
    static final int MAX_PACKET_MS = 120;

    private final int frameSamples;
    private final int minTarget;
    private final int startTarget;
    private final int maxTarget;
    private final int maxPacketSamples;
    private final int sampleRate;
    private final TimestampedSampleRing ring;
    private final RtpSequenceTracker sequence = new RtpSequenceTracker();

    // stream state
    private boolean hasSource;
    private boolean everSynced;
    private int ssrc;
    private boolean synced;
    private long playoutTs;
    private long newestEnd;
    private long syncTs;
    private int target;
    private boolean lateSinceLastPull;
    private int ticksSinceLate;
    private int windowTicks;
    private long windowLowWater;
    private int skipsDue;
    private int ticksSkipWaited;

    // counters
    private long packetsReceived;
    private long packetsLate;
    private long packetsOversized;
    private long packetsOutOfWindow;
    private long ssrcChanges;
    private long resyncs;
    private long concealedFrames;
    private long underrunFrames;
    private long skippedFrames;
    private long stalledFrames;

    public JitterBuffer(JitterBufferConfig config) {
        sampleRate = config.sampleRate();
        frameSamples = sampleRate / 50;
        minTarget = config.samples(config.minDelayMs());
        maxTarget = config.samples(config.maxDelayMs());
        maxPacketSamples = config.samples(MAX_PACKET_MS);
        startTarget = config.samples(config.initialDelayMs());
        target = startTarget;
        // room for the largest delay, the largest packet and a frame being played, on either side
        ring = new TimestampedSampleRing(maxTarget + maxPacketSamples + 2 * frameSamples);
    }

    /**
     * Adds one decoded audio packet.
     *
     * @param timestamp the packet's RTP timestamp (32 bits, wraps)
     * @param marker the RTP marker bit: first packet of a talk spurt
     * @param pcm decoded samples {@code pcm[off, off + samples)}; copied, not retained
     */
    public void push(int ssrc, int seq, int timestamp, boolean marker, short[] pcm, int off, int samples) {
        packetsReceived++;
        if (samples > maxPacketSamples) {
            packetsOversized++;
            return;
        }
        RtpSequenceTracker.Outcome outcome = admit(ssrc, seq);
        if (outcome == RtpSequenceTracker.Outcome.DUPLICATE || outcome == RtpSequenceTracker.Outcome.JUMP
                || samples == 0) {
            return;
        }
        if (outcome == RtpSequenceTracker.Outcome.RESTARTED) {
            synced = false;
        }
        long ts = synced ? newestEnd + (timestamp - (int) newestEnd) : Integer.toUnsignedLong(timestamp);
        boolean newest = outcome != RtpSequenceTracker.Outcome.REORDERED;
        if (!synced || (newest && (startsTalkSpurt(marker) || outsideWindow(ts, samples)))) {
            resync(ts);
        }
        long end = ts + samples;
        if (end <= playoutTs) {
            late();
            return;
        }
        if (outsideWindow(ts, samples)) {
            packetsOutOfWindow++; // an older packet whose timestamp is far from the stream's
            return;
        }
        long from = Math.max(ts, playoutTs);
        ring.write(from, pcm, off + (int) (from - ts), (int) (end - from));
        if (ts < playoutTs) {
            late();
        }
        newestEnd = Math.max(newestEnd, end);
    }

    /**
     * Records a packet of the same stream that carries no audio (an RFC 4733 event shares the
     * audio's SSRC and sequence space), so that it is not counted as lost.
     *
     * @return {@code false} if it is a duplicate or a sequence jump and should be ignored
     */
    public boolean pushNonAudio(int ssrc, int seq) {
        packetsReceived++;
        RtpSequenceTracker.Outcome outcome = admit(ssrc, seq);
        return outcome != RtpSequenceTracker.Outcome.DUPLICATE && outcome != RtpSequenceTracker.Outcome.JUMP;
    }

    /** The marker bit on an empty buffer: a new talk spurt, a chance to re-anchor playout. */
    private boolean startsTalkSpurt(boolean marker) {
        return marker && newestEnd <= playoutTs;
    }

    /** Too far behind to be merely late, or too far ahead to fit: the timestamps jumped. */
    private boolean outsideWindow(long ts, int samples) {
        return playoutTs - ts > ring.capacity() || ts + samples - playoutTs > ring.capacity() - frameSamples;
    }

    private RtpSequenceTracker.Outcome admit(int packetSsrc, int seq) {
        if (!hasSource || packetSsrc != ssrc) {
            if (hasSource) {
                ssrcChanges++;
            }
            hasSource = true;
            ssrc = packetSsrc;
            sequence.reset();
            synced = false;
        }
        return sequence.update(seq);
    }

    private void resync(long ts) {
        if (everSynced) {
            resyncs++;
        }
        everSynced = true;
        ring.clear();
        synced = true;
        playoutTs = ts - target;
        syncTs = ts;
        newestEnd = ts;
        lateSinceLastPull = false;
        ticksSkipWaited = 0;
        resetWindow();
    }

    private void late() {
        packetsLate++;
        lateSinceLastPull = true;
    }

    /**
     * Plays out the next 20 ms frame into {@code out[off, off + frameSamples)}.
     *
     * @return {@code true} if any real audio is in the frame; {@code false} for silence (no stream
     *     yet, pre-roll, concealment or underrun)
     */
    public boolean pull(short[] out, int off) {
        if (!synced) {
            Arrays.fill(out, off, off + frameSamples, (short) 0);
            return false;
        }
        if (ticksSinceLate < Integer.MAX_VALUE) {
            ticksSinceLate++;
        }
        if (lateSinceLastPull) {
            lateSinceLastPull = false;
            ticksSinceLate = 0;
            if (target + frameSamples <= maxTarget) {
                // grow the delay by holding playout for one frame
                target += frameSamples;
                stalledFrames++;
                concealedFrames++;
                Arrays.fill(out, off, off + frameSamples, (short) 0);
                observeDepth();
                return false;
            }
        }
        long frameEnd = playoutTs + frameSamples;
        int found = ring.take(playoutTs, out, off, frameSamples, syncTs, newestEnd);
        if (skipsDue > 0 && newestEnd - frameEnd >= target + frameSamples) {
            boolean mayDropSpeech = skipsDue >= LOUD_SKIP_MIN_EXCESS_FRAMES && ticksSkipWaited >= LOUD_SKIP_AFTER_TICKS;
            if (isQuiet(out, off, found) || mayDropSpeech) {
                skipsDue--;
                ticksSkipWaited = 0;
                skippedFrames++;
                playoutTs = frameEnd;
                frameEnd += frameSamples;
                found = ring.take(playoutTs, out, off, frameSamples, syncTs, newestEnd);
            } else {
                ticksSkipWaited++;
            }
        }
        if (ring.lastMissing() > 0) {
            concealedFrames++;
        } else if (found == 0 && playoutTs >= newestEnd) {
            underrunFrames++;
        }
        playoutTs = frameEnd;
        observeDepth();
        return found > 0;
    }

    private void observeDepth() {
        windowLowWater = Math.min(windowLowWater, newestEnd - playoutTs);
        if (++windowTicks < ADAPT_WINDOW_TICKS) {
            return;
        }
        if (ticksSinceLate >= (target > startTarget ? SHRINK_AFTER_QUIET_TICKS : SETTLE_AFTER_QUIET_TICKS)) {
            target = Math.max(minTarget, target - frameSamples);
        }
        long excessFrames = (windowLowWater - target) / frameSamples;
        resetWindow();
        skipsDue = (int) Math.max(0, Math.min(excessFrames, maxTarget / frameSamples));
        if (skipsDue == 0) {
            ticksSkipWaited = 0;
        }
    }

    private boolean isQuiet(short[] frame, int off, int found) {
        if (found == 0) {
            return true;
        }
        for (int i = off; i < off + frameSamples; i++) {
            if (Math.abs(frame[i]) >= QUIET_PEAK) {
                return false;
            }
        }
        return true;
    }

    private void resetWindow() {
        windowTicks = 0;
        windowLowWater = Long.MAX_VALUE;
        skipsDue = 0;
    }

    /** Whether any packet has arrived. */
    public boolean hasSource() {
        return hasSource;
    }

    /** SSRC of the current stream; meaningful once {@link #hasSource()}. */
    public int ssrc() {
        return ssrc;
    }

    /** Sequence state of the current source, for RTCP report blocks. */
    public RtpSequenceTracker sequence() {
        return sequence;
    }

    /** Samples in one frame. */
    public int frameSamples() {
        return frameSamples;
    }

    /** Audio buffered ahead of the playout point, in ms (0 when empty). */
    public int depthMs() {
        return synced ? (int) (Math.max(0, newestEnd - playoutTs) * 1000 / sampleRate) : 0;
    }

    /** Current target playout delay in ms. */
    public int targetDelayMs() {
        return (int) ((long) target * 1000 / sampleRate);
    }

    /** Packets given to {@link #push} or {@link #pushNonAudio}, duplicates included. */
    public long packetsReceived() {
        return packetsReceived;
    }

    /** Packets lost (never received), across SSRC changes (RFC 3550 A.3). */
    public long packetsLost() {
        return sequence.totalLost();
    }

    /** Packets that arrived after (part of) their audio had been played; the late part is dropped. */
    public long packetsLate() {
        return packetsLate;
    }

    public long packetsDuplicate() {
        return sequence.duplicates();
    }

    public long packetsReordered() {
        return sequence.reordered();
    }

    /** Packets with more than {@value #MAX_PACKET_MS} ms of audio, dropped. */
    public long packetsOversized() {
        return packetsOversized;
    }

    /** Reordered packets whose timestamp lies far outside the buffer's window, dropped. */
    public long packetsOutOfWindow() {
        return packetsOutOfWindow;
    }

    public long ssrcChanges() {
        return ssrcChanges;
    }

    /** Times playout was re-anchored to the stream after it had started. */
    public long resyncs() {
        return resyncs;
    }

    /** Frames played with silence in place of missing audio (loss, lateness, delay growth). */
    public long concealedFrames() {
        return concealedFrames;
    }

    /** Frames played while nothing newer had arrived (sender paused, on hold, or stalled). */
    public long underrunFrames() {
        return underrunFrames;
    }

    /** Frames discarded to shrink the delay. */
    public long skippedFrames() {
        return skippedFrames;
    }

    /** Silent frames inserted to grow the delay (also counted as concealed). */
    public long stalledFrames() {
        return stalledFrames;
    }
}
