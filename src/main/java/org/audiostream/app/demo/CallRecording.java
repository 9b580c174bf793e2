package org.audiostream.app.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.audiostream.media.G711Law;

/**
 * What the caller heard, on the caller's own timeline: sample {@code n} is what arrived
 * {@code n / 8000} s after the first prompt packet was sent, so it lines up with the prompt sample
 * {@code n}. Packets of one stream are placed by RTP timestamp (RFC 3550 §5.1), so the stream stays
 * continuous however late each packet arrives. Where the stream sits on the timeline comes from its
 * fastest packet: the first packet anchors it on arrival, and a packet that arrives earlier than its
 * timestamp predicts shows that the anchor was delayed and moves the whole stream back, including what
 * was already written. A new SSRC or a timestamp jump of more than {@link #REANCHOR_SAMPLES} starts a new
 * stream anchored on arrival. Gaps stay silent.
 * Threads: one thread (the RTP receiver's).
 */
final class CallRecording {

    /** 200 ms: more than any jitter on a local call, less than any timestamp jump worth following. */
    static final int REANCHOR_SAMPLES = G711Law.SAMPLE_RATE / 5;

    private final long originNanos;
    private final int capacity;
    private final List<Stream> streams = new ArrayList<>();
    private Stream current;
    private long packetsOutside;

    /**
     * @param originNanos {@link System#nanoTime} of sample 0
     * @param capacity    samples kept; packets past them are dropped and counted
     */
    CallRecording(long originNanos, int capacity) {
        this.originNanos = originNanos;
        this.capacity = capacity;
    }

    /** Decodes one PCMU payload that arrived at {@code arrivalNanos} into its place. */
    void add(int ssrc, int timestamp, long arrivalNanos, byte[] payload, int offset, int length) {
        long arrival = (arrivalNanos - originNanos) * G711Law.SAMPLE_RATE / 1_000_000_000L;
        if (current == null || ssrc != current.ssrc
                || Math.abs(current.position(timestamp) - arrival) > REANCHOR_SAMPLES) {
            current = new Stream(ssrc, timestamp, arrival);
            streams.add(current);
        }
        if (!current.write(timestamp, arrival, payload, offset, length)) {
            packetsOutside++;
        }
    }

    /** The recording up to the last sample received; a later stream overwrites an earlier one where they overlap. */
    short[] samples() {
        int end = 0;
        for (Stream s : streams) {
            end = (int) Math.max(end, s.end - s.shiftBack);
        }
        short[] out = new short[Math.max(0, end)];
        for (Stream s : streams) {
            int from = (int) Math.max(s.start, s.shiftBack);
            if (from < s.end) {
                System.arraycopy(s.samples, from, out, (int) (from - s.shiftBack), s.end - from);
            }
        }
        return out;
    }

    /** Packets that fell before sample 0 or past the capacity (what moves before sample 0 later is cut off). */
    long packetsOutside() {
        return packetsOutside;
    }

    /**
     * One RTP stream, written at the timeline position of its first packet's arrival ({@code index}) and
     * read {@code shiftBack} samples earlier once a faster packet has shown how late that arrival was.
     */
    private final class Stream {
        final int ssrc;
        final int anchorTimestamp;
        final long anchorIndex;
        short[] samples = new short[0];
        long shiftBack;
        int start = Integer.MAX_VALUE;
        int end;

        Stream(int ssrc, int anchorTimestamp, long anchorArrival) {
            this.ssrc = ssrc;
            this.anchorTimestamp = anchorTimestamp;
            this.anchorIndex = anchorArrival;
        }

        long index(int timestamp) {
            return anchorIndex + (timestamp - anchorTimestamp);   // int difference: wraps correctly (§5.1)
        }

        long position(int timestamp) {
            return index(timestamp) - shiftBack;
        }

        boolean write(int timestamp, long arrival, byte[] payload, int offset, int length) {
            long index = index(timestamp);
            if (index < 0 || index + length > capacity) {
                return false;
            }
            shiftBack = Math.max(shiftBack, index - arrival);
            if (index + length > samples.length) {
                samples = Arrays.copyOf(samples, (int) Math.min(capacity, Math.max(index + length, 2L * samples.length)));
            }
            G711Law.PCMU.decode(payload, offset, samples, (int) index, length);
            start = Math.min(start, (int) index);
            end = Math.max(end, (int) index + length);
            return true;
        }
    }
}
