package org.audiostream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A short BM-21 in the default suite: {@value #CALLS} calls of {@value #CALL_SECONDS} s each, cycled for
 * {@value #MINUTES} minutes through the packaged gateway in its own JVM (SIPp, the C RTP generator and the C
 * echo app as in BM-19), heap after GC, RSS, file descriptors, threads and sessions sampled every 10 s. Asserts
 * the soak's pass criterion (no failed call, flat heap and RSS while the calls run, everything back to its
 * baseline after them), which holds on any machine: it measures leaks, not speed.
 */
class Bm21SoakSmokeIT {

    private static final int CALLS = 50;
    private static final int MINUTES = 5;
    private static final int CALL_SECONDS = 30;

    @Test
    void fiveMinutesOfCallsLeaveNothingBehind() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Bm21Soak.Result r = Bm21Soak.soak(root, root.resolve("target/bench/bm21-smoke"), CALLS, MINUTES, CALL_SECONDS);
        String row = r.row("Bm21SoakSmokeIT");
        System.out.println(row);
        assertThat(r.callsDone()).as(row).isGreaterThanOrEqualTo((long) CALLS * (MINUTES * 60 / CALL_SECONDS) * 9 / 10);
        assertThat(r.failedCalls()).as(row).isZero();
        assertThat(r.passed()).as(row).isTrue();
    }
}
