package org.audiostream.call.sip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SipCountersTest {

    @Test
    void countsByMethodStatusAndReason() {
        SipCounters c = new SipCounters();
        c.request("INVITE");
        c.request("INVITE");
        c.request("!interesting-Method");
        c.responseSent(488);
        c.responseReceived(200);
        c.invalid(SipFailureReason.CSEQ_INVALID);
        c.drop();

        assertThat(c.requests()).containsEntry("INVITE", 2L).containsEntry("OTHER", 1L).containsEntry("BYE", 0L);
        assertThat(c.responsesSent(488)).isEqualTo(1);
        assertThat(c.responsesReceived(200)).isEqualTo(1);
        assertThat(c.invalid()).containsEntry(SipFailureReason.CSEQ_INVALID, 1L).containsEntry(SipFailureReason.VIA_INVALID, 0L);
        assertThat(c.dropped()).isEqualTo(1);
        assertThat(SipFailureReason.CSEQ_INVALID.label()).isEqualTo("cseq_invalid");
    }
}
