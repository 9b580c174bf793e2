package org.audiostream.call.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SipUriParserTest {

    private static SipUri sip(String text) {
        return (SipUri) SipUriParser.parse(text, SipFailureReason.REQUEST_URI_INVALID);
    }

    @Test
    void parsesAllComponents() {
        SipUri u = sip("sips:al%69ce:se%63ret@[2001:db8::10]:5061;transport=tcp;lr?subject=hi&priority=urgent");

        assertThat(u.secure()).isTrue();
        assertThat(u.user()).isEqualTo("alice");
        assertThat(u.passwordRaw()).isEqualTo("se%63ret");
        assertThat(u.host()).isEqualTo("[2001:db8::10]");
        assertThat(u.hostAddress()).isEqualTo("2001:db8::10");
        assertThat(u.port()).isEqualTo(5061);
        assertThat(u.transport()).isEqualTo("tcp");
        assertThat(u.param("lr")).isEmpty();
        assertThat(u.headersRaw()).isEqualTo("?subject=hi&priority=urgent");
        assertThat(u.toString()).isEqualTo("sips:al%69ce:se%63ret@[2001:db8::10]:5061;transport=tcp;lr?subject=hi&priority=urgent");
    }

    @Test
    void ipv6ReferenceWithoutPortIsNotAmbiguous() {
        SipUri u = sip("sip:[2001:db8::10:5070]");  // RFC 5118 §4.4: an address, no port
        assertThat(u.port()).isEqualTo(-1);
        assertThat(u.hostAddress()).isEqualTo("2001:db8::10:5070");
    }

    @Test
    void buildsAndEscapesUsers() {
        assertThat(SipUri.of("a b@c", "127.0.0.1", 5060).toString()).isEqualTo("sip:a%20b%40c@127.0.0.1:5060");
        assertThat(SipUri.of(null, "example.com", -1).withParam("lr", null).toString()).isEqualTo("sip:example.com;lr");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        <sip:user@example.com>        | URI has no valid scheme: '<sip:user@example.com>'
        sip:                          | bad URI host: ''
        sip:@example.com              | empty user in URI
        sip:user@exa mple.com         | URI contains illegal character 0x20: 'sip:user@exa mple.com'
        sip:user@example.com:99999    | port=99999 > 65535
        sip:user@example.com:         | bad port: ''
        sip:us%zzer@example.com       | bad %-escape in user: 'us%zzer'
        sip:user@[2001:db8::10        | bad IPv6 reference in URI host: '[2001:db8::10'
        sip:user@example.com;a=b=c    | illegal character '=' in URI parameter value: 'b=c'
        sip:user@example.com?noequals | URI header without '=': 'noequals'
        tel:                          | URI has nothing after scheme 'tel'
        """)
    void rejectsWithAPreciseDetail(String text, String detail) {
        assertThatThrownBy(() -> SipUriParser.parse(text, SipFailureReason.REQUEST_URI_INVALID))
                .isInstanceOf(SipParseException.class)
                .hasMessage(detail);
    }
}
