package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.audiostream.event.Event;
import org.audiostream.observe.CapturedLog;
import org.audiostream.observe.Component;
import org.audiostream.observe.LogFormat;
import org.audiostream.testing.SippRunner;
import org.junit.jupiter.api.Test;

/**
 * The call events of a real call from SIPp through the whole gateway: {@code call::created},
 * {@code call::answered}, one {@code dtmf} per RFC 4733 digit pressed (SIPp's bundled captures),
 * and {@code call::hangup} with the cause, all under the session's uuid; and a caller that sends
 * no RTP is hung up after {@code AUDIO_STREAM_RTP_TIMEOUT_MS} with a Q.850 Reason.
 */
class GatewayCallEventsIT {

    @Test
    void digitsPressedDuringTheCallBecomeDtmfEvents() throws Exception {
        try (GatewayHarness gw = GatewayHarness.start(Map.of())) {
            SippRunner.Result r = SippRunner.run("dtmf", gw.sipAddress(), Duration.ofSeconds(20),
                    "-sf", SippRunner.scenario("dtmf.xml").toString(), "-m", "1");
            assertThat(r.exitCode()).as(r.describe()).isZero();
            assertThat(r.successful()).as(r.describe()).isEqualTo(1);

            Event hangup = gw.awaitEvent(e -> e.subclass().equals("call::hangup"), Duration.ofSeconds(5));
            String uuid = hangup.sessionUuid();
            assertThat(hangup.body()).contains("\"cause\":\"NORMAL_CLEARING\"", "\"q850\":\"16\"");
            assertThat(gw.events("call::created", uuid)).hasSize(1);
            assertThat(gw.events("call::answered", uuid)).hasSize(1);
            List<String> digits = gw.events("dtmf", uuid).stream().map(Event::body).toList();
            assertThat(digits).hasSize(3);
            assertThat(digits.get(0)).contains("\"digit\":\"1\"", "\"duration_ms\":\"280\"");
            assertThat(digits.get(1)).contains("\"digit\":\"5\"", "\"duration_ms\":\"280\"");
            assertThat(digits.get(2)).contains("\"digit\":\"#\"", "\"duration_ms\":\"280\"");
            await().atMost(Duration.ofSeconds(5)).until(() -> gw.gateway().registry().size() == 0);
        }
    }

    @Test
    void aCallerThatSendsNoRtpIsHungUpAfterTheTimeout() throws Exception {
        try (GatewayHarness gw = GatewayHarness.start(Map.of("AUDIO_STREAM_RTP_TIMEOUT_MS", "1500"));
             CapturedLog lifecycle = new CapturedLog(Component.LIFECYCLE, LogFormat.TEXT, Level.INFO)) {
            long start = System.nanoTime();
            SippRunner.Result r = SippRunner.run("rtp-timeout", gw.sipAddress(), Duration.ofSeconds(20),
                    "-sf", SippRunner.scenario("await_bye.xml").toString(), "-m", "1");
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.exitCode()).as(r.describe()).isZero();
            assertThat(r.successful()).as(r.describe()).isEqualTo(1);
            assertThat(tookMs).as("call length").isGreaterThanOrEqualTo(1500);
            assertThat(r.logLines()).anyMatch(l -> l.contains("reason Q.850;cause=102;text=\"no RTP for 1500 ms\""));

            Event hangup = gw.awaitEvent(e -> e.subclass().equals("call::hangup"), Duration.ofSeconds(5));
            assertThat(hangup.body()).contains("\"cause\":\"RTP_TIMEOUT\"", "\"q850\":\"102\"");
            // the caller's silence is its fault, handled by the gateway: WARN, never ERROR (issue 14 finding 9)
            assertThat(lifecycle.lines).anyMatch(l -> l.contains("WARN") && l.contains("LIFECYCLE rtp timeout"))
                    .noneMatch(l -> l.contains("ERROR"));
        }
    }
}
