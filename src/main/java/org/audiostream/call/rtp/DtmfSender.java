package org.audiostream.call.rtp;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import org.jctools.queues.atomic.SpscAtomicArrayQueue;

/**
 * Plays DTMF digits to the caller as RFC 4733 telephone-events, in place of audio: for each digit one packet
 * per 20 ms tick with the duration so far (the first with the marker bit), then the end packet three times
 * (§2.5.1.4), then {@value #GAP_TICKS} ticks of audio before the next digit.
 *
 * <p>Threads: {@link #offer} from any thread (synchronized, so the queue has one producer at a time);
 * everything else on the owning clock shard, allocation-free.
 */
final class DtmfSender {

    static final int GAP_TICKS = 2;
    static final int END_REPEATS = 3;
    private static final String EVENTS = "0123456789*#ABCD";

    /** One digit to play: RFC 4733 event code and length in samples. */
    private record Tone(int event, int durationSamples) {}

    private final SpscAtomicArrayQueue<Tone> queue = new SpscAtomicArrayQueue<>(64);
    private final int sampleRate;

    // clock shard only
    private Tone current;
    private int eventTimestamp;
    private int elapsedSamples;
    private int gapTicks;

    DtmfSender(int sampleRate) {
        this.sampleRate = sampleRate;
    }

    /** Queues {@code digits} (0-9 * # A-D) of {@code durationMs} each; false if the queue has no room. */
    synchronized boolean offer(String digits, int durationMs) {
        if (queue.capacity() - queue.size() < digits.length()) {
            return false;
        }
        for (char c : digits.toCharArray()) {
            int event = EVENTS.indexOf(Character.toUpperCase(c));
            if (event < 0) {
                throw new IllegalArgumentException("DTMF digit '" + c + "' not one of " + EVENTS);
            }
            queue.offer(new Tone(event, durationMs * sampleRate / 1000));
        }
        return true;
    }

    /**
     * Sends this tick's telephone-event packet, if a digit is playing.
     *
     * @return true if the tick's audio must not be sent (a digit is playing)
     */
    boolean onTick(DatagramChannel channel, RtpSender sender, InetSocketAddress target, int payloadType,
                   int frameSamples, long nowNanos) {
        if (gapTicks > 0) {
            gapTicks--;
            return false;
        }
        if (current == null) {
            current = queue.poll();
            if (current == null) {
                return false;
            }
            eventTimestamp = sender.nextTimestamp();
            elapsedSamples = 0;
        }
        boolean first = elapsedSamples == 0;
        elapsedSamples += frameSamples;
        if (elapsedSamples < current.durationSamples()) {
            sender.sendEvent(channel, target, payloadType, eventTimestamp, first, current.event(), false, elapsedSamples,
                    nowNanos);
        } else {
            for (int i = 0; i < END_REPEATS; i++) {
                sender.sendEvent(channel, target, payloadType, eventTimestamp, first && i == 0, current.event(), true,
                        current.durationSamples(), nowNanos);
            }
            current = null;
            gapTicks = GAP_TICKS;
        }
        return true;
    }
}
