package org.audiostream.stream.ai;

import java.util.ArrayDeque;
import org.audiostream.media.InjectBuffer;
import org.audiostream.session.InjectWriter;

/**
 * Feeds the agent's audio into the inject buffer without ever overflowing it. The Realtime service sends a
 * response much faster than real time; a long answer would not fit the inject buffer, whose overflow rule drops
 * the oldest audio (right for a live stream, wrong for a burst: the caller would miss part of the answer and
 * truncation would count the dropped audio as heard). What does not fit waits here, as decoded samples, and is
 * moved into the buffer as playout makes room ({@link #topUp}, every tick while anything waits).
 *
 * <p>Also tracks where each assistant item's audio starts in the inject buffer's positions, so a barge-in can
 * tell how much of the item was played.
 *
 * <p>Threads: confined to the engine's event loop (the inject buffer's single producer).
 */
public final class PlayoutFeeder {

    /** Room left free in the inject buffer: one frame, so a top-up never races the consumer into an overflow. */
    private static final int HEADROOM_MS = 20;

    private record Chunk(String itemId, short[] samples) {}

    private final InjectBuffer inject;
    private final InjectWriter writer;
    private final int sourceRate;
    private final int maxPendingSamples;
    private final ArrayDeque<Chunk> pending = new ArrayDeque<>();
    private int pendingSamples;
    private int headOffset;
    private String lastItemWritten;
    private long lastItemStart = -1;

    /**
     * @param sourceRate the rate of the samples given to {@link #write}
     * @param maxPendingMs how much audio may wait beyond the inject buffer; more is refused by {@link #write}
     */
    public PlayoutFeeder(InjectBuffer inject, int sourceRate, int maxPendingMs) {
        this.inject = inject;
        this.writer = new InjectWriter(inject);
        this.sourceRate = sourceRate;
        this.maxPendingSamples = (int) ((long) sourceRate * maxPendingMs / 1000);
    }

    /**
     * Queues {@code samples[0, n)} of item {@code itemId}: into the inject buffer at once if it fits.
     *
     * @return false if the audio was dropped because even the waiting room is full
     */
    public boolean write(String itemId, short[] samples, int n) {
        if (pending.isEmpty() && fits(n)) {
            writeNow(itemId, samples, 0, n);
            return true;
        }
        if (pendingSamples + n > maxPendingSamples) {
            return false;
        }
        short[] copy = new short[n];
        System.arraycopy(samples, 0, copy, 0, n);
        pending.addLast(new Chunk(itemId, copy));
        pendingSamples += n;
        topUp();
        return true;
    }

    /**
     * Moves waiting audio into the inject buffer as far as it has room.
     *
     * @return true while audio is still waiting
     */
    public boolean topUp() {
        while (!pending.isEmpty()) {
            Chunk head = pending.peekFirst();
            int left = head.samples().length - headOffset;
            int room = roomInSourceSamples();
            if (room <= 0) {
                return true;
            }
            int n = Math.min(left, room);
            writeNow(head.itemId(), head.samples(), headOffset, n);
            pendingSamples -= n;
            headOffset += n;
            if (headOffset == head.samples().length) {
                pending.removeFirst();
                headOffset = 0;
            }
        }
        return false;
    }

    public boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Barge-in: drops what waits here (the inject buffer is cleared by the caller). */
    public void clearPending() {
        pending.clear();
        pendingSamples = 0;
        headOffset = 0;
    }

    /** The inject-buffer position of the first sample of {@code itemId}, or -1 if none of it was written yet. */
    long itemStart(String itemId) {
        return itemId != null && itemId.equals(lastItemWritten) ? lastItemStart : -1;
    }

    private void writeNow(String itemId, short[] samples, int offset, int n) {
        if (!itemId.equals(lastItemWritten)) {
            lastItemWritten = itemId;
            lastItemStart = inject.writePosition();
        }
        short[] src = samples;
        if (offset != 0) {
            src = new short[n];
            System.arraycopy(samples, offset, src, 0, n);
        }
        writer.writeMono(src, n, sourceRate, System.nanoTime());
    }

    private boolean fits(int n) {
        return n <= roomInSourceSamples();
    }

    private int roomInSourceSamples() {
        int codecRate = inject.sampleRate();
        int free = inject.capacitySamples() - inject.inUseSamples() - codecRate * HEADROOM_MS / 1000;
        return (int) ((long) Math.max(0, free) * sourceRate / codecRate);
    }
}
