package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.audiostream.testing.KamailioProcess;
import org.audiostream.testing.SippRunner;
import org.junit.jupiter.api.Test;

/**
 * Scale-out as DESIGN.md §7 has it: Debian's Kamailio with {@code deploy/kamailio/kamailio.cfg} in front of
 * three gateways on loopback, probing them with OPTIONS. Calls placed through it with SIPp spread over all
 * three; one gateway drains (what SIGTERM starts): its calls end cleanly, new calls go to the other two, and
 * SIPp counts no failed call; then it comes back on the same address and receives calls again.
 *
 * <p>The default run is short (a dozen calls a phase); {@code -Dkamailio.calls=N} makes each phase N calls.
 */
class KamailioScaleOutIT {

    private static final int CALLS = Integer.getInteger("kamailio.calls", 12);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static SippRunner.Result calls(String name, KamailioProcess kamailio, int count, int holdMs) {
        return SippRunner.run(name, kamailio.address(), Duration.ofSeconds(60 + count / 5), "-sf",
                SippRunner.scenario("call_via_proxy.xml").toString(), "-s", "bot",
                "-m", String.valueOf(count), "-r", "10", "-l", String.valueOf(count), "-d", String.valueOf(holdMs));
    }

    /** SIPp's view of the failed calls and Kamailio's (its notices, warnings and lines naming those calls). */
    private static String failure(SippRunner.Result result, KamailioProcess kamailio) {
        return result.describe() + "\n--- kamailio log ---\n" + kamailio.logExcerpt(result.failedCallIds());
    }

    private static long created(GatewayHarness gw) {
        return gw.gateway().registry().totalCreated();
    }

    /** Waits for Kamailio's probes (read from the gateway itself: another harness's HTTP client would start threads). */
    private static void awaitProbed(GatewayHarness gw) {
        await("OPTIONS probes from Kamailio").atMost(WAIT).until(() -> gw.gateway().sipRequestsReceived("OPTIONS") >= 2);
    }

    @Test
    void callsSpreadOverThreeGatewaysAndADrainedOneIsSkippedUntilItComesBack() throws Exception {
        Map<String, String> env = Map.of("AUDIO_STREAM_DRAIN_TIMEOUT_MS", "15000");
        try (GatewayHarness a = GatewayHarness.start(env); GatewayHarness b = GatewayHarness.start(env)) {
            GatewayHarness c = GatewayHarness.start(env);   // created last, so that it can close first
            boolean cOpen = true;
            InetSocketAddress cSip = c.sipAddress();
            GatewayHarness cAgain = null;
            try (KamailioProcess kamailio = KamailioProcess.start("scale-out", List.of(a.sipAddress(), b.sipAddress(), cSip))) {
                for (GatewayHarness gw : List.of(a, b, c)) {
                    awaitProbed(gw);
                }

                SippRunner.Result spread = calls("spread", kamailio, CALLS, 500);
                assertThat(spread.failed()).as(() -> failure(spread, kamailio)).isZero();
                assertThat(spread.successful()).as(() -> failure(spread, kamailio)).isEqualTo(CALLS);
                for (GatewayHarness gw : List.of(a, b, c)) {
                    assertThat(created(gw)).as("calls on %s", gw.sipAddress()).isGreaterThanOrEqualTo(CALLS / 3 - 1);
                }

                // long calls on every gateway, then c drains while they are up
                CompletableFuture<SippRunner.Result> longCalls = CompletableFuture.supplyAsync(
                        () -> calls("long", kamailio, 6, 5000));
                await("all six long calls up").atMost(WAIT).until(() -> a.gateway().registry().size()
                        + b.gateway().registry().size() + c.gateway().registry().size() == 6);
                assertThat(c.gateway().registry().size()).as("long calls on c").isPositive();
                long cBefore = created(c);
                long abBefore = created(a) + created(b);
                CompletableFuture<Void> drain = CompletableFuture.runAsync(() -> c.gateway().drain());
                await().atMost(WAIT).until(() -> c.get("/readyz").statusCode() == 503);

                SippRunner.Result during = calls("during-drain", kamailio, CALLS, 500);
                assertThat(during.failed()).as(() -> failure(during, kamailio)).isZero();
                assertThat(created(c)).as("new calls on the draining gateway").isEqualTo(cBefore);
                assertThat(created(a) + created(b)).as("calls on the other two").isGreaterThanOrEqualTo(abBefore + CALLS);

                SippRunner.Result drained = longCalls.get(60, TimeUnit.SECONDS);
                assertThat(drained.failed()).as(() -> "calls up while c drained: " + failure(drained, kamailio)).isZero();
                drain.get(30, TimeUnit.SECONDS);
                assertThat(c.events("call::hangup", null)).isNotEmpty()
                        .allSatisfy(e -> assertThat(e.body()).contains("\"cause\":\"NORMAL_CLEARING\""));
                c.close();
                cOpen = false;

                cAgain = GatewayHarness.start(Map.of("AUDIO_STREAM_SIP_BIND", "127.0.0.1:" + cSip.getPort()));
                awaitProbed(cAgain);
                SippRunner.Result back = calls("back", kamailio, CALLS, 500);
                assertThat(back.failed()).as(() -> failure(back, kamailio)).isZero();
                assertThat(created(cAgain)).as("calls on the gateway that came back").isGreaterThanOrEqualTo(CALLS / 3 - 1);
                assertThat(kamailio.alive()).as(kamailio.log()).isTrue();
            } finally {
                if (cAgain != null) {
                    cAgain.close();
                }
                if (cOpen) {
                    c.close();
                }
            }
        }
    }
}
