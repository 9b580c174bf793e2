package org.audiostream.call.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.audiostream.observe.SecurityEvent;
import org.junit.jupiter.api.Test;

/** Issue 14 finding 4: INVITE floods from one source, and OPTIONS while no call could get media. */
class UasAbuseTest {

    private static final InetSocketAddress OUTSIDER = new InetSocketAddress("192.0.2.9", 5070);
    private static final InetSocketAddress PBX = new InetSocketAddress("10.0.0.2", 5070);

    private static UasHarness harness() {
        return new UasHarness(SipUasConfig.builder().ringing(true, Duration.ZERO)
                .inviteRate(2, a -> a.getHostAddress().equals("10.0.0.2")));
    }

    /** INVITEs from {@code from}, each a new call; the first response status of each. */
    private static List<Integer> invites(UasHarness uas, InetSocketAddress from, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> {
            SipScript peer = new SipScript("flood-" + from.getPort() + "-" + from.getHostString() + "-" + i);
            uas.receive(peer.invite("z9hG4bK-flood-" + from.getHostString() + i, SipScript.OFFER_PCMU), from);
            List<Integer> statuses = uas.sentStatuses();
            return statuses.get(statuses.size() - 1);
        }).toList();
    }

    @Test
    void anUntrustedSourceGetsItsRateAndThen503WithRetryAfter() {
        UasHarness uas = harness();
        long before = SecurityEvent.SIP_INVITE_RATE_LIMITED.total();
        List<Integer> finals = invites(uas, OUTSIDER, 10);
        // a burst of twice the rate is answered; the rest within the same instant is refused
        assertThat(finals.subList(0, 4)).containsOnly(200);
        assertThat(finals.subList(4, 10)).containsOnly(503);
        assertThat(uas.handler.calls).hasSize(4);
        assertThat(SecurityEvent.SIP_INVITE_RATE_LIMITED.total() - before).isEqualTo(6);

        assertThat(refusedInvite(uas, "flood-last", OUTSIDER)).contains("INVITE rate from your address over 2/s");
    }

    @Test
    void aTrustedSourceIsNotRateLimited() {
        UasHarness uas = harness();
        assertThat(invites(uas, PBX, 10)).containsOnly(200);
    }

    @Test
    void optionsAndInviteAre503WhileNoCallCouldGetMedia() {
        UasHarness uas = harness();
        SipScript peer = new SipScript("options-1");
        uas.receive(peer.request("OPTIONS", "z9hG4bK-opt1", 1, "OPTIONS", "", null), PBX);
        assertThat(((SipResponse) uas.sentOne()).status()).isEqualTo(200);

        uas.handler.refusal = new CallRefusal(CallRefusal.Reason.CAPACITY, "no media resources free");
        uas.receive(peer.request("OPTIONS", "z9hG4bK-opt2", 2, "OPTIONS", "", null), PBX);
        SipResponse options = (SipResponse) uas.sentOne();
        assertThat(options.status()).isEqualTo(503);
        assertThat(options.headers().first("Retry-After")).isNotNull();
        assertThat(refusedInvite(uas, "no-media-1", PBX)).contains("not accepting calls: no media resources free");
        assertThat(uas.handler.calls).isEmpty();
        assertThat(uas.ctx.counters.rejected(CallRefusal.Reason.CAPACITY)).isEqualTo(1);
    }

    @Test
    void anOverloadedMediaClockRefusesNewCallsWithItsOwnReasonAndCounter() {
        UasHarness uas = harness();
        uas.handler.refusal = new CallRefusal(CallRefusal.Reason.OVERLOAD, "overloaded: the media clock runs late");
        assertThat(refusedInvite(uas, "overload-1", PBX)).contains("not accepting calls: overloaded");
        assertThat(uas.ctx.counters.rejected(CallRefusal.Reason.OVERLOAD)).isEqualTo(1);
        assertThat(uas.ctx.counters.rejected(CallRefusal.Reason.CAPACITY)).isZero();

        uas.handler.refusal = null;
        SipScript next = new SipScript("overload-2");
        uas.receive(next.invite("z9hG4bK-recovered", SipScript.OFFER_PCMU), PBX);
        assertThat(uas.handler.calls).hasSize(1);
    }

    /** Sends a new INVITE from {@code source}; asserts it is refused with 503 and Retry-After; returns its Warning. */
    private static String refusedInvite(UasHarness uas, String callName, InetSocketAddress source) {
        SipScript call = new SipScript(callName);
        uas.receive(call.invite("z9hG4bK-" + callName, SipScript.OFFER_PCMU), source);
        SipResponse refused = (SipResponse) uas.sentOne();
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.headers().first("Retry-After")).isNotNull();
        return refused.headers().first("Warning");
    }
}
