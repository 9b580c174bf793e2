package org.audiostream.stream.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.jctools.queues.atomic.SpscAtomicArrayQueue;

/**
 * The bounded hand-off of audio frames from the media thread to the WS event loop: a fixed set of
 * preallocated slots circulating through two SPSC queues ({@code spscFree} event loop → media thread,
 * {@code spscFilled} media thread → event loop). {@link #offer} copies the frame into a free slot or
 * returns {@code false} at once; the event loop copies a filled slot into a pooled {@link ByteBuf} and
 * returns the slot. Nothing is allocated on the media thread.
 *
 * <p>Threads: {@link #offer} from exactly one producer thread at a time (the owning clock shard);
 * {@link #poll} and {@link #clear} from the event loop only.
 */
final class WsSendQueue {

    private static final class Slot {
        final byte[] data;
        int length;

        Slot(int capacity) {
            data = new byte[capacity];
        }
    }

    private final int slotBytes;
    private final SpscAtomicArrayQueue<Slot> spscFree;
    private final SpscAtomicArrayQueue<Slot> spscFilled;

    WsSendQueue(int frames, int slotBytes) {
        this.slotBytes = slotBytes;
        this.spscFree = new SpscAtomicArrayQueue<>(frames);
        this.spscFilled = new SpscAtomicArrayQueue<>(frames);
        for (int i = 0; i < frames; i++) {
            spscFree.offer(new Slot(slotBytes));
        }
    }

    /** Copies {@code src[offset, offset + length)} into a free slot; {@code false} when none is free. */
    boolean offer(byte[] src, int offset, int length) {
        if (length > slotBytes || length < 0) {
            throw new IllegalArgumentException("audio frame rejected: length=" + length + " bytes > maxFrameBytes="
                    + slotBytes);
        }
        Slot slot = spscFree.poll();
        if (slot == null) {
            return false;
        }
        System.arraycopy(src, offset, slot.data, 0, length);
        slot.length = length;
        spscFilled.offer(slot); // cannot fail: there are exactly as many slots as places
        return true;
    }

    /** Takes the oldest frame as a new buffer from {@code alloc}, or {@code null} when empty. */
    ByteBuf poll(ByteBufAllocator alloc) {
        Slot slot = spscFilled.poll();
        if (slot == null) {
            return null;
        }
        ByteBuf buf = alloc.buffer(slot.length);
        buf.writeBytes(slot.data, 0, slot.length);
        spscFree.offer(slot);
        return buf;
    }

    /** {@code true} when a frame is waiting. */
    boolean hasFrames() {
        return !spscFilled.isEmpty();
    }

    /** Discards every waiting frame; returns how many. */
    int clear() {
        int n = 0;
        Slot slot;
        while ((slot = spscFilled.poll()) != null) {
            spscFree.offer(slot);
            n++;
        }
        return n;
    }
}
