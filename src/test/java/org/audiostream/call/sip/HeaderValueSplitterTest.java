package org.audiostream.call.sip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderValueSplitterTest {

    @Test
    void splitsAtCommasOutsideQuotesAndAngleBrackets() {
        assertThat(HeaderValueSplitter.split("\"Bell, A. \\\"x,\\\"\" <sip:a@x>;q=1, <sip:b@y;p=1,2>,sip:c@z"))
                .containsExactly("\"Bell, A. \\\"x,\\\"\" <sip:a@x>;q=1", "<sip:b@y;p=1,2>", "sip:c@z");
    }

    @Test
    void keepsEmptyElementsForTheTypedParserToReject() {
        assertThat(HeaderValueSplitter.split("SIP/2.0/UDP h;;,;,,")).containsExactly("SIP/2.0/UDP h;;", ";", "", "");
    }

    @Test
    void compactAndCaseInsensitiveNamesFindTheSameHeader() {
        SipHeaders h = new SipHeaders().add("v", "SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/UDP b").add("VIA", "SIP/2.0/TCP c");
        assertThat(h.values("Via")).containsExactly("SIP/2.0/UDP a;branch=z9hG4bK1", "SIP/2.0/UDP b", "SIP/2.0/TCP c");
        assertThat(h.lines("via")).hasSize(2);
        h.replaceFirstValue("Via", "SIP/2.0/UDP a;branch=z9hG4bK1;received=10.0.0.1");
        assertThat(h.first("v")).isEqualTo("SIP/2.0/UDP a;branch=z9hG4bK1;received=10.0.0.1, SIP/2.0/UDP b");
    }
}
