package org.audiostream.call.rtp;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * RTP's meters: packets received, sent, lost, late and invalid over every leg since start, and the worst
 * interarrival jitter among live calls. Live legs are read from the snapshot each shard publishes about
 * once a second; a leg that closes is {@linkplain #retire retired} with its last snapshot, so up to a
 * second of a call's last packets may be missing from the totals.
 *
 * <p>Threads: {@link #retire} from any thread; the meters are read on the scraping thread.
 */
public final class RtpMetrics implements MeterBinder {

    private final Supplier<Collection<RtpCallLeg>> liveLegs;
    private final AtomicLong retiredIn = new AtomicLong();
    private final AtomicLong retiredOut = new AtomicLong();
    private final AtomicLong retiredLost = new AtomicLong();
    private final AtomicLong retiredLate = new AtomicLong();
    private final AtomicLong retiredInvalid = new AtomicLong();
    private final AtomicLong retiredSkipped = new AtomicLong();

    public RtpMetrics(Supplier<Collection<RtpCallLeg>> liveLegs) {
        this.liveLegs = liveLegs;
    }

    /** Adds a closed leg's last published counters to the totals. */
    public void retire(RtpCallLeg leg) {
        RtpLegStats s = leg.publishedStats();
        if (s != null) {
            retiredIn.addAndGet(s.packetsIn());
            retiredOut.addAndGet(s.packetsOut());
            retiredLost.addAndGet(s.packetsLost());
            retiredLate.addAndGet(s.packetsLate());
            retiredInvalid.addAndGet(s.packetsInvalid());
            retiredSkipped.addAndGet(s.skippedFrames());
        }
    }

    @Override
    public void bindTo(MeterRegistry r) {
        counter(r, "audiostream.rtp.packets.received", "Valid RTP packets received", retiredIn, RtpLegStats::packetsIn);
        counter(r, "audiostream.rtp.packets.sent", "RTP packets sent", retiredOut, RtpLegStats::packetsOut);
        counter(r, "audiostream.rtp.packets.lost", "RTP packets never received (RFC 3550 A.3)", retiredLost,
                RtpLegStats::packetsLost);
        counter(r, "audiostream.rtp.packets.late", "RTP packets that arrived after their playout time", retiredLate,
                RtpLegStats::packetsLate);
        counter(r, "audiostream.rtp.packets.invalid", "RTP datagrams rejected by validation", retiredInvalid,
                RtpLegStats::packetsInvalid);
        counter(r, "audiostream.rtp.frames.skipped", "20 ms frames of caller audio the jitter buffers dropped to "
                + "bring a grown delay back down", retiredSkipped, RtpLegStats::skippedFrames);
        Gauge.builder("audiostream.rtp.jitter.max", this, m -> m.maxJitterMs() / 1000.0).baseUnit("seconds")
                .description("Highest RFC 3550 interarrival jitter among live calls").register(r);
    }

    private void counter(MeterRegistry r, String name, String help, AtomicLong retired, ToLongFunction<RtpLegStats> field) {
        AtomicLong highest = new AtomicLong();
        FunctionCounter.builder(name, this, m -> highest.accumulateAndGet(retired.get() + m.live(field), Math::max))
                .description(help).register(r);
    }

    private long live(ToLongFunction<RtpLegStats> field) {
        long sum = 0;
        for (RtpCallLeg leg : liveLegs.get()) {
            RtpLegStats s = leg.publishedStats();
            if (s != null) {
                sum += field.applyAsLong(s);
            }
        }
        return sum;
    }

    private double maxJitterMs() {
        double max = 0;
        for (RtpCallLeg leg : liveLegs.get()) {
            RtpLegStats s = leg.publishedStats();
            if (s != null) {
                max = Math.max(max, s.jitterMs());
            }
        }
        return max;
    }
}
