package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.audiostream.app.demo.DemoCallResult;
import org.audiostream.app.demo.DemoCaller;
import org.audiostream.app.demo.SipCallException;
import org.audiostream.call.sip.SipTimers;
import org.audiostream.event.Event;
import org.audiostream.testing.PythonWsServer;
import org.audiostream.testing.SippRunner;
import org.junit.jupiter.api.Test;

/**
 * Graceful drain (seed §3) with two streaming calls: new work is refused (OPTIONS and INVITE get
 * 503 with Retry-After, {@code /readyz} says draining), every stream is closed with 1000 and a
 * {@code disconnect} event at once, a call that hangs up during the drain ends normally, and the
 * call still up at the deadline gets the gateway's BYE with {@code SYSTEM_SHUTDOWN}.
 */
class GatewayDrainIT {

    private static final int DRAIN_TIMEOUT_MS = 3000;

    @Test
    void drainClosesStreamsRefusesNewCallsAndHangsUpWhatIsLeftAtTheDeadline() throws Exception {
        try (PythonWsServer app = PythonWsServer.start();
             GatewayHarness gw = GatewayHarness.start(Map.of("AUDIO_STREAM_DRAIN_TIMEOUT_MS", String.valueOf(DRAIN_TIMEOUT_MS)));
             TestCall leaving = TestCall.place(gw, "leaving");
             TestCall staying = TestCall.place(gw, "staying")) {
            for (TestCall call : List.of(leaving, staying)) {
                assertThat(gw.api("uuid_audio_stream " + call.uuid() + " start " + app.url("/" + call.user()) + " mono 8k"))
                        .startsWith("+OK");
                gw.awaitEvent(e -> e.subclass().equals("mod_audio_stream::connect") && call.uuid().equals(e.sessionUuid()),
                        Duration.ofSeconds(5));
            }
            assertThat(gw.get("/readyz").statusCode()).isEqualTo(200);

            long drainStart = System.nanoTime();
            CompletableFuture<Void> drain = CompletableFuture.runAsync(() -> gw.gateway().drain());

            for (TestCall call : List.of(leaving, staying)) {
                Event disconnect = gw.awaitEvent(e -> e.subclass().equals("mod_audio_stream::disconnect")
                        && call.uuid().equals(e.sessionUuid()), Duration.ofSeconds(2));
                assertThat(disconnect.body()).contains("\"code\":1000");
            }
            app.awaitCount("closed", 2, Duration.ofSeconds(2));
            assertThat(app.events("closed")).extracting(e -> e.get("code").asInt()).containsOnly(1000);
            assertThat(gw.get("/readyz").statusCode()).isEqualTo(503);
            SippRunner.Result probe = SippRunner.run("options-draining", gw.sipAddress(), Duration.ofSeconds(10),
                    "-sf", SippRunner.scenario("options_draining.xml").toString(), "-m", "1");
            assertThat(probe.successful()).as(probe.describe()).isEqualTo(1);
            DemoCaller.Settings refused = new DemoCaller.Settings(gw.sipAddress(), "refused", List.of(), new short[0],
                    Duration.ZERO, SipTimers.DEFAULT);
            assertThatThrownBy(() -> DemoCaller.call(refused, callId -> { })).isInstanceOfSatisfying(SipCallException.class,
                    e -> assertThat(e.status()).isEqualTo(503));

            DemoCallResult left = leaving.hangUp();
            assertThat(left.endedByGateway()).isFalse();

            drain.get(DRAIN_TIMEOUT_MS + 5000, TimeUnit.MILLISECONDS);
            long drainMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - drainStart);
            assertThat(drainMs).as("drain time").isBetween((long) DRAIN_TIMEOUT_MS, DRAIN_TIMEOUT_MS + 2000L);
            DemoCallResult kept = staying.hangUp();
            assertThat(kept.endedByGateway()).as("the gateway hung up the call left at the deadline").isTrue();
            assertThat(gw.events("call::hangup", leaving.uuid())).singleElement()
                    .satisfies(e -> assertThat(e.body()).contains("\"cause\":\"NORMAL_CLEARING\""));
            assertThat(gw.events("call::hangup", staying.uuid())).singleElement()
                    .satisfies(e -> assertThat(e.body()).contains("\"cause\":\"SYSTEM_SHUTDOWN\"", "\"q850\":\"41\""));
            assertThat(gw.events("mod_audio_stream::error", null)).isEmpty();
        }
    }
}
