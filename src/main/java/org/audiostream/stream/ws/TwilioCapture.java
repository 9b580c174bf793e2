package org.audiostream.stream.ws;

import org.audiostream.media.G711;

/**
 * The capture half of the Twilio dialect: each 20 ms frame at 8 kHz becomes one record of G.711 μ-law per
 * track, behind the frame's presentation time.
 *
 * <pre>
 * record: timestamp (4 bytes, big-endian, ms since the stream started) | inbound 160 bytes | [outbound 160 bytes]
 * </pre>
 *
 * The timestamp counts every captured frame, so frames dropped later (send queue full, not connected) show
 * as gaps to the app, as Twilio's {@code media.timestamp} does; frames not captured while paused do not count.
 * Input is mono (the caller: the {@code inbound} track) or stereo (caller left, what is played to the caller
 * right: {@code inbound} and {@code outbound}).
 *
 * <p>Allocation-free after construction. Threads: confined to the owning clock shard.
 */
final class TwilioCapture implements CaptureEncoder {

    /** Samples of one track in one 20 ms frame at 8 kHz. */
    static final int TRACK_BYTES = 160;
    static final int HEADER_BYTES = 4;

    private final int tracks;
    private final byte[] record;
    private int timestampMs;
    private boolean full;

    /** @param tracks 1 (inbound) or 2 (inbound and outbound, from stereo frames) */
    TwilioCapture(int tracks) {
        if (tracks != 1 && tracks != 2) {
            throw new IllegalArgumentException("TwilioCapture rejected: tracks=" + tracks + " not one of [1, 2]");
        }
        this.tracks = tracks;
        this.record = new byte[HEADER_BYTES + tracks * TRACK_BYTES];
    }

    @Override
    public boolean add(short[] pcm, int offset) {
        if (full) {
            throw new IllegalStateException("TwilioCapture full: call clear() after each record");
        }
        record[0] = (byte) (timestampMs >>> 24);
        record[1] = (byte) (timestampMs >>> 16);
        record[2] = (byte) (timestampMs >>> 8);
        record[3] = (byte) timestampMs;
        for (int t = 0; t < tracks; t++) {
            int at = HEADER_BYTES + t * TRACK_BYTES;
            for (int i = 0; i < TRACK_BYTES; i++) {
                record[at + i] = G711.encodeUlaw(pcm[offset + i * tracks + t]);
            }
        }
        timestampMs += 20;
        full = true;
        return true;
    }

    @Override
    public byte[] buffer() {
        return record;
    }

    @Override
    public int length() {
        return full ? record.length : 0;
    }

    @Override
    public void clear() {
        full = false;
    }

    @Override
    public int batchBytes() {
        return record.length;
    }

    @Override
    public int batchMillis() {
        return 20;
    }
}
