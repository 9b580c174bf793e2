package org.audiostream.app.demo;

import java.util.Arrays;
import org.audiostream.media.G711Law;

/**
 * What the caller heard, on the caller's own timeline: sample {@code n} is what arrived
 * {@code n / 8000} s after the first prompt packet was sent, so it lines up with the prompt sample
 * {@code n}. Packets are placed by RTP timestamp (RFC 3550 §5.1) from an anchor taken on arrival:
 * the first packet anchors the stream; a packet that arrives earlier than its timestamp predicts
 * shows that the anchor packet was delayed, and moves the anchor back; a new SSRC or a timestamp
 * jump of more than {@link #REANCHOR_SAMPLES} re-anchors on arrival. Gaps stay silent.
 * Threads: one thread (the RTP receiver's).
 */
final class CallRecording {

    /** 200 ms: more than any jitter on a local call, less than any timestamp jump worth following. */
    static final int REANCHOR_SAMPLES = G711Law.SAMPLE_RATE / 5;

    private final long originNanos;
    private final short[] samples;
    private boolean anchored;
    private int anchorSsrc;
    private int anchorTimestamp;
    private long anchorPosition;
    private int end;
    private long packetsOutside;

    /**
     * @param originNanos {@link System#nanoTime} of sample 0
     * @param capacity    samples kept; packets past them are dropped and counted
     */
    CallRecording(long originNanos, int capacity) {
        this.originNanos = originNanos;
        this.samples = new short[capacity];
    }

    /** Decodes one PCMU payload that arrived at {@code arrivalNanos} into its place. */
    void add(int ssrc, int timestamp, long arrivalNanos, byte[] payload, int offset, int length) {
        long arrival = (arrivalNanos - originNanos) * G711Law.SAMPLE_RATE / 1_000_000_000L;
        long position = anchorPosition + (timestamp - anchorTimestamp);   // int difference: wraps correctly (§5.1)
        long early = position - arrival;
        if (!anchored || ssrc != anchorSsrc || Math.abs(early) > REANCHOR_SAMPLES) {
            anchored = true;
            anchorSsrc = ssrc;
            anchorTimestamp = timestamp;
            anchorPosition = arrival;
            position = arrival;
        } else if (early > 0) {
            anchorPosition -= early;
            position = arrival;
        }
        if (position < 0 || position + length > samples.length) {
            packetsOutside++;
            return;
        }
        G711Law.PCMU.decode(payload, offset, samples, (int) position, length);
        end = Math.max(end, (int) position + length);
    }

    /** The recording up to the last sample received. */
    short[] samples() {
        return Arrays.copyOf(samples, end);
    }

    /** Packets that fell before sample 0 or past the capacity. */
    long packetsOutside() {
        return packetsOutside;
    }
}
