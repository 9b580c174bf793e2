package org.audiostream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A short BM-19 in the default suite: {@value #CALLS} calls through the packaged gateway in its own
 * JVM, SIPp, the C RTP generator and the C echo app, measured for {@value #MEASURE_SECONDS} s.
 * Asserts what must hold on any machine, not timings: no failed call, no packet damaged or lost without
 * the gateway counting it (as cut from a standing backlog, or too late for the jitter buffer)
 * on the way caller → gateway → app → gateway → caller, every call's audio coming back, and no delay left
 * standing after a 300 ms stall of the app (it would add the whole 300 ms to every later round trip).
 */
class Bm19SmokeIT {

    private static final int CALLS = 100;
    private static final int MEASURE_SECONDS = 20;

    @Test
    void hundredCallsEchoEveryPacketIntactWithNoFailedCall() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Bm19Result r = Bm19Run.run(root, root.resolve("target/bench/bm19-smoke"),
                new Bm19Run.Params(CALLS, 50, 5, MEASURE_SECONDS, Map.of(), false,
                        root.resolve("target/audio-stream.jar")));
        System.out.println(r.describe());
        JsonNode generator = new ObjectMapper().readTree(r.generator());
        assertThat(r.failedCalls()).as(r.describe()).isZero();
        assertThat(generator.get("active_calls").asInt()).as(r.describe()).isEqualTo(CALLS);
        assertThat(generator.get("judged").asLong()).as("packets judged: 50 per call and second, 2 s left out")
                .isGreaterThan(CALLS * 50L * (MEASURE_SECONDS - 3));
        // Nothing vanishes: every lost packet is one the gateway counted, cut from a backlog a stall left standing,
        // dropped as too late for its jitter buffer, or skipped by the jitter buffer to bring a delay that such
        // lateness grew back down. They happen only when a process is starved of CPU (on a
        // quiet machine: none; measured up to 3 % while other jobs kept this 2-core machine's load at 10), so the
        // bound only catches a broken path.
        assertThat(generator.get("lost").asLong()).as(r.describe())
                .isLessThanOrEqualTo(r.trimmedFrames() + r.lateRtpPackets() + r.skippedRtpFrames());
        assertThat(r.lossPercent()).as(r.describe()).isLessThan(5.0);
        assertThat(generator.get("corrupt").asLong()).as(r.describe()).isZero();
        assertThat(generator.get("foreign").asLong()).as(r.describe()).isZero();
        assertThat(generator.get("misaligned").asLong()).as(r.describe()).isZero();
        assertThat(r.rttP50AfterStallMs()).as("round trip 2 s after the stall; " + r.describe())
                .isLessThan(r.rttP50Ms() + Bm19Run.STALL_MS / 2.0);
    }
}
