package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.audiostream.event.Event;
import org.audiostream.testing.SippRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Call control against real SIP peers (SIPp): {@code uuid_kill} with a cause, {@code uuid_deflect} accepted
 * (REFER 202, NOTIFY progress as events, then our BYE) and refused (603: the call stays up),
 * {@code uuid_send_dtmf} and {@code uuid_break} in text and REST form; and the capture-input watchdog: it
 * fires on a caller that sends no RTP at all, and stays quiet while a caller without RTP is on hold.
 */
class CallControlIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GatewayHarness gw;

    @BeforeEach
    void start() throws Exception {
        gw = GatewayHarness.start(Map.of());
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    private CompletableFuture<SippRunner.Result> sipp(String name, String scenario) {
        return CompletableFuture.supplyAsync(() -> SippRunner.run(name, gw.sipAddress(), Duration.ofSeconds(40),
                "-sf", SippRunner.scenario(scenario).toString(), "-m", "1"));
    }

    private String answered() {
        return gw.awaitEvent(e -> e.subclass().equals("call::answered"), WAIT).sessionUuid();
    }

    private List<String> deflectStages(String uuid) {
        return gw.events(TransferEvents.EVENT, uuid).stream().map(e -> JSON.readTree(e.body()))
                .map(b -> b.get("stage").asString() + " " + b.get("code").asString()).toList();
    }

    @Test
    void aCallerWithoutRtpTripsTheInputWatchdogAndUuidKillEndsTheCallWithItsCause() throws Exception {
        CompletableFuture<SippRunner.Result> caller = sipp("kill", "await_bye.xml");
        String uuid = answered();
        Event watchdog = gw.awaitEvent("mod_audio_stream::watchdog", uuid, Duration.ofSeconds(9));
        assertThat(watchdog.body()).contains("\"watchdog\":\"capture_input_stalled\"");
        JsonNode health = gw.health(uuid);
        assertThat(health.get("health").asString()).isEqualTo("UNHEALTHY");
        assertThat(health.get("capture").get("caller_silent_ms").asLong()).isGreaterThan(5000);

        assertThat(gw.api("uuid_kill " + uuid + " user_busy")).isEqualTo(GatewayHarness.OK);
        SippRunner.Result r = caller.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(r.successful()).as(r.describe()).isEqualTo(1);
        assertThat(r.logLines()).anySatisfy(l -> assertThat(l).contains("reason Q.850;cause=17;text=\"killed by API\""));
        assertThat(gw.awaitEvent("call::hangup", uuid, WAIT).body()).contains("\"cause\":\"USER_BUSY\"");
    }

    @Test
    void aCallOnHoldOwesNoAudioSoTheWatchdogStaysQuiet() throws Exception {
        CompletableFuture<SippRunner.Result> caller = sipp("long-hold", "hold_long.xml");
        String uuid = answered();
        Thread.sleep(6500);   // on hold and without RTP for longer than the 5 s stall limit
        assertThat(gw.health(uuid).get("health").asString()).isEqualTo("HEALTHY");
        SippRunner.Result r = caller.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(r.successful()).as(r.describe()).isEqualTo(1);
        gw.awaitEvent("call::hangup", uuid, WAIT);
        assertThat(gw.events("mod_audio_stream::watchdog", uuid)).isEmpty();
    }

    @Test
    void anAcceptedDeflectReportsTheTransferAndLeavesTheCall() throws Exception {
        CompletableFuture<SippRunner.Result> caller = sipp("deflect-accept", "refer_accept.xml");
        String uuid = answered();
        assertThat(gw.api("uuid_deflect " + uuid + " sip:agent@example.com")).isEqualTo(GatewayHarness.OK);
        SippRunner.Result r = caller.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(r.successful()).as(r.describe()).isEqualTo(1);
        assertThat(r.logLines()).anySatisfy(l -> assertThat(l).contains("refer-to <sip:agent@example.com>"));
        gw.awaitEvent("call::hangup", uuid, WAIT);
        assertThat(deflectStages(uuid)).containsExactly("refer 202", "progress 100", "transferred 200");
    }

    @Test
    void aRefusedDeflectLeavesTheCallUp() throws Exception {
        CompletableFuture<SippRunner.Result> caller = sipp("deflect-refuse", "refer_refuse.xml");
        String uuid = answered();
        assertThat(gw.postJson("/v1/sessions/" + uuid + "/deflect", "{\"uri\":\"sip:agent@example.com\"}").body())
                .isEqualTo(GatewayHarness.OK);
        gw.awaitEvent(TransferEvents.EVENT, uuid, WAIT);
        assertThat(deflectStages(uuid)).containsExactly("failed 603");
        SippRunner.Result r = caller.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(r.successful()).as("the caller, not the gateway, ended the call: " + r.describe()).isEqualTo(1);
        assertThat(gw.awaitEvent("call::hangup", uuid, WAIT).body()).contains("\"cause\":\"NORMAL_CLEARING\"");
    }

    @Test
    void dtmfBreakAndKillInTextAndRestForm() {
        try (TestCall call = TestCall.place(gw, "control")) {
            String uuid = call.uuid();
            assertThat(gw.api("uuid_send_dtmf " + uuid + " 12#@80")).isEqualTo(GatewayHarness.OK);
            assertThat(gw.postJson("/v1/sessions/" + uuid + "/send_dtmf", "{\"digits\":\"9\"}").body())
                    .isEqualTo(GatewayHarness.OK);
            assertThat(gw.api("uuid_send_dtmf " + uuid + " 12x")).startsWith("-ERR digits=\"12x\"");
            assertThat(gw.api("uuid_break " + uuid)).isEqualTo(GatewayHarness.OK);
            assertThat(gw.postJson("/v1/sessions/" + uuid + "/break", "").body()).isEqualTo(GatewayHarness.OK);
            await("a play event per break (dispatched asynchronously)").atMost(WAIT)
                    .untilAsserted(() -> assertThat(gw.events("mod_audio_stream::play", uuid)).hasSize(2));
            assertThat(gw.api("uuid_kill " + uuid + " NO_SUCH_CAUSE")).startsWith("-ERR cause=\"NO_SUCH_CAUSE\" not one of");
            assertThat(gw.api("uuid_kill 00000000-dead-beef-0000-000000000000")).startsWith("-ERR no such session");
            assertThat(gw.postJson("/v1/sessions/" + uuid + "/kill", "{\"cause\":\"NORMAL_TEMPORARY_FAILURE\"}").body())
                    .isEqualTo(GatewayHarness.OK);
            assertThat(call.hangUp().endedByGateway()).isTrue();
            assertThat(gw.awaitEvent("call::hangup", uuid, WAIT).body()).contains("\"q850\":\"41\"");
        }
    }
}
