package org.audiostream.stream.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.audiostream.testing.PythonWsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A server that stops reading: the send queue fills, frames are dropped and counted, offering never waits. */
class WsSlowServerIT {

    private static final Logger LOG = LoggerFactory.getLogger(WsSlowServerIT.class);
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final WsTestHarness harness = new WsTestHarness();

    @AfterEach
    void tearDown() throws InterruptedException {
        harness.close();
    }

    @Test
    void stalledServerMakesTheQueueDropAndCount() throws Exception {
        PythonWsServer server = harness.server("--stall-after", "1");
        RecordingListener events = new RecordingListener();
        WsClientConfig config = WsClientConfig.builder(WsUrl.parse(server.url("/slow"))).metadata("m")
                .deflate(false).sendQueueFrames(32).maxFrameBytes(3840).build();
        WsStreamClient client = harness.client(config, events);
        client.connect();
        events.awaitCall("connected", WAIT);

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] frame = new byte[3840];
        int offers = 20_000; // 76.8 MB: far more than socket buffers and the channel's high-water mark
        long maxOfferNanos = 0;
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < offers; i++) {
            long t0 = System.nanoTime();
            client.offerAudio(frame, 0, frame.length);
            maxOfferNanos = Math.max(maxOfferNanos, System.nanoTime() - t0);
            if (i % 32 == 31) {
                LockSupport.parkNanos(200_000); // a burst of 32 frames, then give the event loop a moment
            }
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        WsStreamStats during = client.stats();
        LOG.info("slow server offers={} sent={} droppedQueueFull={} maxOfferMicros={} allocatedBytes={}", offers,
                during.framesSent(), during.framesDroppedQueueFull(), maxOfferNanos / 1000, allocated);

        assertThat(allocated).as("bytes allocated by the media thread over %d offers", offers).isLessThan(64 * 1024);
        assertThat(during.framesOffered()).isEqualTo(offers);
        assertThat(during.framesDroppedQueueFull()).isPositive();
        assertThat(during.framesSent()).isLessThan(offers);
        assertThat(during.framesDroppedNotConnected()).isZero();
        assertThat(events.calls).containsExactly("connected");

        client.stop(null); // the server never answers the close: closeTimeout ends it
        WsTestHarness.awaitClosed(client, WAIT);
        WsStreamStats after = client.stats();
        assertThat(after.framesOffered()).isEqualTo(after.framesSent() + after.framesDropped());
        assertThat(events.calls).containsExactly("connected", "disconnected 1000 Normal closure", "closed");
    }
}
