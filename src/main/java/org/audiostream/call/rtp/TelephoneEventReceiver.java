package org.audiostream.call.rtp;

import java.nio.ByteBuffer;

/**
 * Turns RFC 4733 telephone-event packets into one report per key press. An event is identified by
 * its RTP timestamp (§2.5.1.1: all packets of one event carry its start timestamp), so repeated
 * start packets, updates and the three end retransmissions (§2.5.1.4) collapse into one digit,
 * reported on the first end packet, or, when the end packets are lost, when the next event starts
 * or after {@code endTimeout} without packets.
 *
 * <p>Payload (§2.3): event (8 bits), E (1), R (1), volume (6), duration in timestamp units (16).
 * Only the first event of a multi-event payload (§2.5.1.5) is used.
 *
 * <p>Threads: not thread-safe; confined to the owning clock shard. Never allocates.
 */
public final class TelephoneEventReceiver {

    /** Silence after which an event whose end packets were lost is reported. */
    public static final long DEFAULT_END_TIMEOUT_NANOS = 500_000_000L;
    static final int PAYLOAD_LENGTH = 4;
    /** Symbols of events 0–16 (§3.2): digits, *, #, A–D, flash. */
    private static final String SYMBOLS = "0123456789*#ABCD!";

    private final int clockRate;
    private final long endTimeoutNanos;
    private final DtmfListener listener;

    private boolean hasCurrent;
    private int currentTs;
    private int currentEvent;
    private int currentDuration;
    private boolean currentReported;
    private long lastPacketNanos;

    private long digits;
    private long invalidPayloads;
    private long unsupportedEvents;

    /**
     * @param clockRate the telephone-event RTP clock rate (8000 for {@code telephone-event/8000})
     */
    public TelephoneEventReceiver(int clockRate, long endTimeoutNanos, DtmfListener listener) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("telephone-event clock rate must be positive: clockRate=" + clockRate);
        }
        this.clockRate = clockRate;
        this.endTimeoutNanos = endTimeoutNanos;
        this.listener = listener;
    }

    /**
     * Handles one telephone-event packet whose payload is {@code buffer[offset, offset + length)}.
     *
     * @return {@code false} if the payload is shorter than one event (counted)
     */
    public boolean onPacket(int timestamp, ByteBuffer buffer, int offset, int length, long nowNanos) {
        if (length < PAYLOAD_LENGTH) {
            invalidPayloads++;
            return false;
        }
        int event = buffer.get(offset) & 0xFF;
        boolean end = (buffer.get(offset + 1) & 0x80) != 0;
        int duration = buffer.getShort(offset + 2) & 0xFFFF;
        if (hasCurrent && timestamp == currentTs) {
            if (!currentReported) {
                currentDuration = Math.max(currentDuration, duration);
                lastPacketNanos = nowNanos;
                if (end) {
                    report();
                }
            }
            return true;
        }
        if (hasCurrent && timestamp - currentTs < 0) {
            return true; // a straggler of an earlier event
        }
        if (hasCurrent && !currentReported) {
            report();
        }
        hasCurrent = true;
        currentTs = timestamp;
        currentEvent = event;
        currentDuration = duration;
        currentReported = false;
        lastPacketNanos = nowNanos;
        if (end) {
            report();
        }
        return true;
    }

    /** Reports an event whose end packets did not arrive within the timeout. Call once per tick. */
    public void onTick(long nowNanos) {
        if (hasCurrent && !currentReported && nowNanos - lastPacketNanos >= endTimeoutNanos) {
            report();
        }
    }

    private void report() {
        currentReported = true;
        if (currentEvent >= SYMBOLS.length()) {
            unsupportedEvents++;
            return;
        }
        digits++;
        listener.onDtmf(SYMBOLS.charAt(currentEvent), (int) ((long) currentDuration * 1000 / clockRate));
    }

    /** Digits reported. */
    public long digits() {
        return digits;
    }

    /** Payloads shorter than {@value #PAYLOAD_LENGTH} bytes. */
    public long invalidPayloads() {
        return invalidPayloads;
    }

    /** Events above 16 (tones and signals other than DTMF and flash), not reported. */
    public long unsupportedEvents() {
        return unsupportedEvents;
    }
}
