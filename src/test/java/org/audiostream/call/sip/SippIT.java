package org.audiostream.call.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import org.audiostream.testing.SippRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SIPp 3.6.1 (Debian sip-tester) against the live UAS on loopback: built-in uac, CANCEL, late
 * offer, 488, re-INVITE hold/unhold, BYE from us and from SIPp, OPTIONS, 100 concurrent calls.
 * Each test asserts SIPp's exit code and its cumulative statistics, then that the UAS has no
 * call, dialog or transaction left and its thread is gone after close.
 */
class SippIT {

    private Set<String> threadsBefore;
    private MediaPortHandler handler;
    private SipUas uas;

    @BeforeEach
    void threads() {
        threadsBefore = UasTestSupport.threadNames();
        handler = new MediaPortHandler();
    }

    private void start(SipUasConfig.Builder config) {
        uas = new SipUas(config.build(), handler);
        uas.start();
    }

    @AfterEach
    void stop() {
        if (uas != null) {
            UasTestSupport.assertDrained(uas);
            uas.close();
        }
        handler.close();
        UasTestSupport.assertThreadsBackTo(threadsBefore);
    }

    private static void assertAllSucceeded(SippRunner.Result r, long calls) {
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.successful()).as(r.describe()).isEqualTo(calls);
        assertThat(r.failed()).as(r.describe()).isZero();
    }

    @Test
    void builtInUacCallsComplete() {
        start(UasTestSupport.config());
        SippRunner.Result r = SippRunner.run("uac", uas.localAddress(), Duration.ofSeconds(30),
                "-sn", "uac", "-m", "5", "-r", "5", "-d", "200");
        assertAllSucceeded(r, 5);
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                assertThat(handler.recorder.events()).filteredOn(e -> e.equals("ended NORMAL_CLEARING")).hasSize(5));
    }

    @Test
    void optionsProbeGets200() {
        start(UasTestSupport.config());
        SippRunner.Result r = SippRunner.run("options", uas.localAddress(), Duration.ofSeconds(20),
                "-sf", SippRunner.scenario("options.xml").toString(), "-m", "3");
        assertAllSucceeded(r, 3);
    }

    @Test
    void builtInUacOverTcp() {
        start(UasTestSupport.config());
        SippRunner.Result r = SippRunner.run("uac-tcp", uas.localAddress(), Duration.ofSeconds(30),
                "-sn", "uac", "-t", "t1", "-m", "5", "-r", "5", "-d", "200");
        assertAllSucceeded(r, 5);
    }

    @Test
    void cancelWhileRingingGets487() {
        start(UasTestSupport.config().ringing(true, Duration.ofSeconds(5)));
        SippRunner.Result r = SippRunner.run("cancel", uas.localAddress(), Duration.ofSeconds(20),
                "-sf", SippRunner.scenario("cancel.xml").toString(), "-m", "3", "-r", "3");
        assertAllSucceeded(r, 3);
        assertThat(uas.counters().responsesSent(487)).isEqualTo(3);
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(handler.recorder.events())
                .filteredOn(e -> e.equals("ended ORIGINATOR_CANCEL")).hasSize(3));
    }

    @Test
    void lateOfferIsAnsweredInTheAck() {
        start(UasTestSupport.config());
        SippRunner.Result r = SippRunner.run("late-offer", uas.localAddress(), Duration.ofSeconds(20),
                "-sf", SippRunner.scenario("late_offer.xml").toString(), "-m", "2", "-r", "2");
        assertAllSucceeded(r, 2);
        assertThat(handler.recorder.events()).filteredOn(e -> e.startsWith("media SENDRECV PCMA")).hasSize(2);
    }

    @Test
    void offerWithoutCommonCodecGets488() {
        start(UasTestSupport.config());
        SippRunner.Result r = SippRunner.run("reject-488", uas.localAddress(), Duration.ofSeconds(20),
                "-sf", SippRunner.scenario("reject_488.xml").toString(), "-m", "2", "-r", "2");
        assertAllSucceeded(r, 2);
        assertThat(uas.counters().responsesSent(488)).isEqualTo(2);
        assertThat(handler.recorder.events()).isEmpty();
    }

    @Test
    void reInviteHoldAndUnhold() {
        start(UasTestSupport.config());
        SippRunner.Result r = SippRunner.run("hold", uas.localAddress(), Duration.ofSeconds(20),
                "-sf", SippRunner.scenario("hold.xml").toString(), "-m", "1");
        assertAllSucceeded(r, 1);
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(handler.recorder.events())
                .extracting(e -> e.replaceAll(" [0-9]+$", ""))
                .containsExactly("invite PCMU", "answered", "media RECVONLY PCMU", "media SENDRECV PCMU", "ended NORMAL_CLEARING"));
    }

    @Test
    void byeFromUsWhenTheTestHangsUp() {
        handler.whenAnswered = call -> call.hangup("test hangup");
        start(UasTestSupport.config());
        SippRunner.Result r = SippRunner.run("uas-bye", uas.localAddress(), Duration.ofSeconds(20),
                "-sf", SippRunner.scenario("uas_bye.xml").toString(), "-m", "3", "-r", "3");
        assertAllSucceeded(r, 3);
        // SIPp may exit right after sending its last 200 for our BYE; the UAS counts it on arrival.
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(uas.counters().responsesReceived(200)).isEqualTo(3));
    }

    @Test
    void hundredConcurrentCallsWithoutAFailure() {
        start(UasTestSupport.config());
        SippRunner.Result r = SippRunner.run("concurrent-100", uas.localAddress(), Duration.ofSeconds(60),
                "-sn", "uac", "-l", "100", "-m", "100", "-r", "100", "-d", "3000");
        assertAllSucceeded(r, 100);
        assertThat(Long.parseLong(r.stats().get("CurrentCall"))).isZero();
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(handler.recorder.events())
                .filteredOn(e -> e.equals("ended NORMAL_CLEARING")).hasSize(100));
    }
}
