package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Shutdown loses no event: every {@code call::hangup} published while the gateway drains and hangs up
 * the calls left at the deadline reaches a {@code /v1/events} subscriber before its stream ends cleanly.
 */
class ShutdownEventsIT {

    private static final int CALLS = 6;

    @Test
    void anSseSubscriberGetsEveryHangupOfTheDrainBeforeTheStreamEnds() throws Exception {
        try (GatewayHarness gw = GatewayHarness.start(Map.of("AUDIO_STREAM_DRAIN_TIMEOUT_MS", "300"))) {
            List<TestCall> calls = new ArrayList<>();
            try (SseClient sse = SseClient.open(gw, "subclass=call::hangup")) {
                for (int i = 0; i < CALLS; i++) {
                    calls.add(TestCall.place(gw, "shutdown"));
                }
                gw.gateway().close();   // drain, deadline, BYE with SYSTEM_SHUTDOWN, stop

                await().atMost(Duration.ofSeconds(10)).until(() -> sse.lines().contains("! complete"));
                assertThat(sse.events()).as("hangups seen by the SSE subscriber: %s", sse.lines()).hasSize(CALLS)
                        .extracting(e -> e.get("session_uuid").asString())
                        .containsExactlyInAnyOrderElementsOf(calls.stream().map(TestCall::uuid).toList());
            } finally {
                calls.forEach(TestCall::close);
            }
        }
    }
}
