package org.audiostream.bench;

import java.util.Locale;

/**
 * What one BM-19 run measured at one call count, over its measurement window. CPU figures are in
 * cores (1.0 = one core busy for the whole window). Threads: immutable.
 *
 * @param loadAverage the box's 1-minute load average before the gateway started
 * @param gatewayCores the gateway process (schedstat)
 * @param gatewayKernelShare the share of the gateway's CPU spent in the kernel (system calls, the network stack),
 *        from its threads' tick-sampled user and system times
 * @param generatorCores the RTP generator process
 * @param appCores the WebSocket echo app process
 * @param sippCores SIPp (signalling only)
 * @param boxCores the whole box ({@code cores * wall - idle})
 * @param lossPercent packets sent in the window (up to 2 s before its end) that never came back
 * @param rttP50Ms round trip caller → gateway → app → gateway → caller, from the generator
 * @param frameP50Micros one session's 20 ms tick (the gateway's {@code audiostream_frame_processing_seconds})
 * @param latenessP50Micros how late a tick started ({@code audiostream_clock_lateness_seconds})
 * @param heapPerCallBytes heap after a full GC with the calls up, minus before they started, per call
 * @param rssPerCallBytes resident set with the calls up, minus before they started, per call
 * @param rssAfterBytes resident set after the calls ended
 * @param rssBaselineBytes resident set before the calls started
 * @param gcPauses GC pauses in the window
 * @param gcPauseMaxMs longest recent GC pause (Micrometer's decaying max)
 * @param failedCalls SIPp's failed calls plus answered calls that returned no audio in the window
 * @param rttP50AfterStallMs the round trip from 2 s after a 300 ms stall of the app, over 3 s
 * @param trimmedFrames 20 ms frames (at 8 kHz) the gateway cut from standing inject backlogs in the window
 * @param lateRtpPackets caller packets the gateway's jitter buffers dropped as late in the window
 * @param skippedRtpFrames caller frames the gateway's jitter buffers dropped in the window to shrink their delay
 * @param generator the generator's report line (JSON)
 * @param gatewayThreads the gateway's busiest threads and their CPU in cores
 * @param audioJudged whether loss and round trip mean anything: false when the stream ran at another rate than
 *        the call's, so the echoed audio was resampled twice and cannot match what the generator sent
 */
record Bm19Result(int calls, double windowSeconds, String loadAverage, double gatewayCores, double gatewayKernelShare,
                  double generatorCores,
                  double appCores, double sippCores, double boxCores, double lossPercent, double rttP50Ms,
                  double rttP99Ms, double rttP999Ms, double frameP50Micros, double frameP99Micros,
                  double latenessP50Micros, double latenessP99Micros, long heapPerCallBytes, long rssPerCallBytes,
                  long rssAfterBytes, long rssBaselineBytes, long gcPauses, double gcPauseMaxMs, long failedCalls,
                  double rttP50AfterStallMs, double rttP99AfterStallMs, long trimmedFrames, long lateRtpPackets,
                  long skippedRtpFrames, String generator, String gatewayThreads, boolean audioJudged) {

    /** Gateway CPU per call per 20 ms frame (both directions), in microseconds. */
    double microsPerCallFrame() {
        return gatewayCores * 1e6 / (calls * 50.0);
    }

    /** The part of {@link #microsPerCallFrame()} spent in the kernel. */
    double kernelMicrosPerCallFrame() {
        return microsPerCallFrame() * gatewayKernelShare;
    }

    String describe() {
        return String.format(Locale.ROOT, "calls=%d gateway=%.2f cores (%.1f us/call-frame, %.1f in the kernel) generator=%.2f app=%.2f sipp=%.2f "
                        + "box=%.2f loss=%.3f%% rtt p50/p99/p99.9=%.1f/%.1f/%.1f ms frame p50/p99=%.0f/%.0f us "
                        + "lateness p50/p99=%.0f/%.0f us heap/call=%d B rss/call=%d B rss after=%d MB (baseline %d MB) "
                        + "gc pauses=%d max=%.2f ms failed=%d rtt after a stall p50/p99=%.1f/%.1f ms trimmed frames=%d "
                        + "late rtp=%d skipped rtp frames=%d%n  gateway threads: %s%n"
                        + "  generator: %s",
                calls, gatewayCores, microsPerCallFrame(), kernelMicrosPerCallFrame(), generatorCores, appCores, sippCores, boxCores, lossPercent,
                rttP50Ms, rttP99Ms, rttP999Ms, frameP50Micros, frameP99Micros, latenessP50Micros, latenessP99Micros,
                heapPerCallBytes, rssPerCallBytes, rssAfterBytes >> 20, rssBaselineBytes >> 20, gcPauses, gcPauseMaxMs,
                failedCalls, rttP50AfterStallMs, rttP99AfterStallMs, trimmedFrames, lateRtpPackets, skippedRtpFrames, gatewayThreads,
                generator);
    }
}
