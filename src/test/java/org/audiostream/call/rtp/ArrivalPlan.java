package org.audiostream.call.rtp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When each packet of a planned RTP stream arrives: packet k is due at k × ptime ms plus its extra
 * delay; lost packets never arrive, duplicated ones arrive twice. Sorted by arrival time.
 */
record ArrivalPlan(List<Arrival> arrivals) {

    /** Packet {@code index} of the stream arrives {@code arrivalMs} after the first was due. */
    record Arrival(int index, int arrivalMs) {}

    static ArrivalPlan of(int ptimeMs, int packets, Map<Integer, Integer> delayMs, Set<Integer> lost,
                          Set<Integer> duplicated) {
        List<Arrival> arrivals = new ArrayList<>();
        for (int k = 0; k < packets; k++) {
            if (!lost.contains(k)) {
                int at = k * ptimeMs + delayMs.getOrDefault(k, 0);
                arrivals.add(new Arrival(k, at));
                if (duplicated.contains(k)) {
                    arrivals.add(new Arrival(k, at));
                }
            }
        }
        arrivals.sort(Comparator.comparingInt(Arrival::arrivalMs));
        return new ArrivalPlan(List.copyOf(arrivals));
    }
}
