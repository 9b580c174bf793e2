package org.audiostream.call.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every RFC 4475 torture message parsed as a UDP datagram, with its outcome. Two rows differ from
 * the classification in testdata/sip-torture/README.md, following the RFC text instead:
 * {@code insuf} (RFC 4475 §3.3.1: "Ideally, it will respond with a 400") is rejected, and
 * {@code inv2543} (§3.4.1: "should be accepted by RFC 3261 elements that want to maintain
 * backwards compatibility") is accepted.
 */
class Rfc4475TortureTest {

    @ParameterizedTest(name = "{0} ({1}) -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
        wsinv.dat      | 3.1.1.1  | VALID
        intmeth.dat    | 3.1.1.2  | VALID
        esc01.dat      | 3.1.1.3  | VALID
        escnull.dat    | 3.1.1.4  | VALID
        esc02.dat      | 3.1.1.5  | VALID
        lwsdisp.dat    | 3.1.1.6  | VALID
        longreq.dat    | 3.1.1.7  | VALID
        dblreq.dat     | 3.1.1.8  | VALID
        semiuri.dat    | 3.1.1.9  | VALID
        transports.dat | 3.1.1.10 | VALID
        mpart01.dat    | 3.1.1.11 | VALID
        unreason.dat   | 3.1.1.12 | VALID
        noreason.dat   | 3.1.1.13 | VALID
        badinv01.dat   | 3.1.2.1  | VIA_INVALID
        clerr.dat      | 3.1.2.2  | CONTENT_LENGTH_MISMATCH
        ncl.dat        | 3.1.2.3  | CONTENT_LENGTH_INVALID
        scalar02.dat   | 3.1.2.4  | CSEQ_INVALID
        scalarlg.dat   | 3.1.2.5  | CSEQ_INVALID
        quotbal.dat    | 3.1.2.6  | ADDRESS_INVALID
        ltgtruri.dat   | 3.1.2.7  | REQUEST_URI_INVALID
        lwsruri.dat    | 3.1.2.8  | START_LINE_MALFORMED
        lwsstart.dat   | 3.1.2.9  | START_LINE_MALFORMED
        trws.dat       | 3.1.2.10 | START_LINE_MALFORMED
        escruri.dat    | 3.1.2.11 | VALID
        baddate.dat    | 3.1.2.12 | VALID
        regbadct.dat   | 3.1.2.13 | VALID
        badaspec.dat   | 3.1.2.14 | VALID
        baddn.dat      | 3.1.2.15 | VALID
        badvers.dat    | 3.1.2.16 | VERSION_UNSUPPORTED
        mismatch01.dat | 3.1.2.17 | CSEQ_METHOD_MISMATCH
        mismatch02.dat | 3.1.2.18 | CSEQ_METHOD_MISMATCH
        bigcode.dat    | 3.1.2.19 | STATUS_CODE_INVALID
        badbranch.dat  | 3.2.1    | VALID
        insuf.dat      | 3.3.1    | HEADER_MISSING
        unkscm.dat     | 3.3.2    | VALID
        novelsc.dat    | 3.3.3    | VALID
        unksm2.dat     | 3.3.4    | VALID
        bext01.dat     | 3.3.5    | VALID
        invut.dat      | 3.3.6    | VALID
        regaut01.dat   | 3.3.7    | VALID
        multi01.dat    | 3.3.8    | HEADER_DUPLICATED
        mcl01.dat      | 3.3.9    | HEADER_DUPLICATED
        bcast.dat      | 3.3.10   | VALID
        zeromf.dat     | 3.3.11   | VALID
        cparam01.dat   | 3.3.12   | VALID
        cparam02.dat   | 3.3.13   | VALID
        regescrt.dat   | 3.3.14   | VALID
        sdp01.dat      | 3.3.15   | VALID
        inv2543.dat    | 3.4.1    | VALID
        """)
    void parsesWithTheExpectedOutcome(String file, String section, String expected) {
        SipMessage msg = TortureFiles.parse(file);

        if (expected.equals("VALID")) {
            assertThat(msg.failure()).as(section).isNull();
        } else {
            assertThat(msg.failure()).as(section).isNotNull();
            assertThat(msg.failure().reason()).as(section).isEqualTo(SipFailureReason.valueOf(expected));
        }
    }

    @Test
    void rejectionDetailsNameTheValueAndTheLimit() {
        assertThat(TortureFiles.parse("scalar02.dat").failure().describe())
                .isEqualTo("CSeq: CSeq number=36893488147419103232 > 4294967295 at column 0");
        assertThat(TortureFiles.parse("clerr.dat").failure().describe())
                .isEqualTo("Content-Length=9999 > 154 body octets in datagram");
        assertThat(TortureFiles.parse("ncl.dat").failure().describe())
                .isEqualTo("Content-Length=-999 is not a non-negative integer");
        assertThat(TortureFiles.parse("mcl01.dat").failure().describe())
                .isEqualTo("Content-Length appears 2 times [13, 5]");
        assertThat(TortureFiles.parse("multi01.dat").failure().describe())
                .isEqualTo("CSeq appears 2 times [5 INVITE, 59 INVITE]");
        assertThat(TortureFiles.parse("badvers.dat").failure().describe())
                .isEqualTo("SIP-Version=SIP/7.0 is not SIP/2.0 (offset 33)");
        assertThat(TortureFiles.parse("insuf.dat").failure().describe())
                .isEqualTo("mandatory header Call-ID is missing");
        assertThat(TortureFiles.parse("quotbal.dat").failure().describe())
                .isEqualTo("To: unterminated quoted string in display name at column 0");
        assertThat(TortureFiles.parse("mismatch01.dat").failure().describe())
                .isEqualTo("CSeq method=INVITE differs from request method=OPTIONS");
        assertThat(TortureFiles.parse("bigcode.dat").failure().describe())
                .isEqualTo("Status-Code=4294967301 is not three digits in 100..699 (offset 8)");
        assertThat(TortureFiles.parse("badinv01.dat").failure().describe())
                .isEqualTo("Via: expected parameter name in Via but found ';' at column 23");
    }

    @Test
    void wsinvFoldingQuotingCompactFormsAndLeadingZeros() {
        SipRequest r = (SipRequest) TortureFiles.parse("wsinv.dat");

        assertThat(((SipUri) r.requestUri()).param("unknownparam")).isEmpty();
        assertThat(r.to().tag()).isEqualTo("1918181833n");
        assertThat(r.to().displayName()).isNull();
        assertThat(r.from().displayName()).isEqualTo("J Rosenberg \\\"");
        assertThat(r.from().tag()).isEqualTo("98asjd8");
        assertThat(r.maxForwards()).isEqualTo(68);
        assertThat(r.cseq()).isEqualTo(new CSeq(9, "INVITE"));
        List<Via> vias = r.vias();
        assertThat(vias).extracting(Via::transport, Via::host, Via::branch).containsExactly(
                org.assertj.core.groups.Tuple.tuple("UDP", "192.0.2.2", "390skdjuw"),
                org.assertj.core.groups.Tuple.tuple("TCP", "spindle.example.com", "z9hG4bK9ikj8"),
                org.assertj.core.groups.Tuple.tuple("UDP", "192.168.255.111", "z9hG4bK30239"));
        assertThat(vias.get(0).hasRfc3261Branch()).isFalse();
        assertThat(r.headers().first("Subject")).isEmpty();
        assertThat(r.headers().first("NewFangledHeader")).isEqualTo("newfangled value continued newfangled value");
        assertThat(r.headers().first("UnknownHeaderWithUnusualValue")).isEqualTo(";;,,;;,;");
        NameAddr contact = r.contacts().get(0);
        assertThat(contact.displayName()).isEqualTo("Quoted string \"\"");
        assertThat(contact.params()).containsEntry("newparam", "newvalue").containsEntry("secondparam", null)
                .containsEntry("q", "0.33");
        assertThat(r.routes().get(0).sipUri().param("lr")).isEmpty();
        assertThat(r.body()).hasSize(150);
    }

    @Test
    void intmethUnusualCharactersInMethodUriAndDisplayNames() {
        SipRequest r = (SipRequest) TortureFiles.parse("intmeth.dat");

        assertThat(r.method()).isEqualTo("!interesting-Method0123456789_*+`.%indeed'~");
        SipUri uri = (SipUri) r.requestUri();
        assertThat(uri.user()).isEqualTo("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
        assertThat(uri.passwordRaw()).isEqualTo("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
        assertThat(r.to().displayName()).isEqualTo("BEL:\u0007 NUL:\u0000 DEL:\u007f");
        assertThat(r.from().displayName()).isEqualTo("token1~` token2'+_ token3*%!.-");
        assertThat(r.from().tag()).isEqualTo("_token~1'+`*%!-.");
        assertThat(r.callId()).isEqualTo("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{");
        assertThat(r.headers().first("extensionHeader-!.%*+_`'~")).isEqualTo("\uFEFF\u5927\u505C\u96FB");
    }

    @Test
    void escapesAreResolvedInUriComponents() {
        SipRequest esc01 = (SipRequest) TortureFiles.parse("esc01.dat");
        assertThat(((SipUri) esc01.requestUri()).user()).isEqualTo("sips:user@example.com");
        assertThat(esc01.to().sipUri().user()).isEqualTo("user");
        assertThat(esc01.contacts().get(0).sipUri().params()).containsEntry("lr", "").containsEntry("name", "value%41");

        SipRequest escnull = (SipRequest) TortureFiles.parse("escnull.dat");
        assertThat(escnull.to().sipUri().user()).isEqualTo("null-\u0000-null");
        assertThat(escnull.contacts()).extracting(c -> c.sipUri().user()).containsExactly("\u0000", "\u0000\u0000");

        SipRequest esc02 = (SipRequest) TortureFiles.parse("esc02.dat");
        assertThat(esc02.method()).isEqualTo("RE%47IST%45R");
        assertThat(esc02.to().displayName()).isEqualTo("%Z%45");
        assertThat(esc02.contacts()).hasSize(2);
        assertThat(esc02.headers().first("C%6Fntact")).isEqualTo("<sip:alias2@host2.example.com>");

        SipRequest semiuri = (SipRequest) TortureFiles.parse("semiuri.dat");
        assertThat(((SipUri) semiuri.requestUri()).user()).isEqualTo("user;par=u@example.net");
        assertThat(((SipUri) semiuri.requestUri()).host()).isEqualTo("example.com");
    }

    @Test
    void lenientAddressForms() {
        assertThat(TortureFiles.parse("lwsdisp.dat").from().displayName()).isEqualTo("caller");
        assertThat(TortureFiles.parse("badaspec.dat").to().uri().toString()).isEqualTo("sip:t.watson@example.org");
        assertThat(TortureFiles.parse("baddn.dat").from().displayName()).isEqualTo("Bell, Alexander");
        assertThat(TortureFiles.parse("regbadct.dat").contacts().get(0).sipUri().headersRaw())
                .isEqualTo("?Route=%3Csip:sip.example.com%3E");
        NameAddr cparam01 = TortureFiles.parse("cparam01.dat").contacts().get(0);
        assertThat(cparam01.params()).containsKey("unknownparam");
        assertThat(cparam01.sipUri().paramsRaw()).isEmpty();
        NameAddr cparam02 = TortureFiles.parse("cparam02.dat").contacts().get(0);
        assertThat(cparam02.params()).isEmpty();
        assertThat(cparam02.sipUri().param("unknownparam")).isEmpty();
    }

    @Test
    void unknownSchemesAreOpaque() {
        assertThat(((SipRequest) TortureFiles.parse("unkscm.dat")).requestUri())
                .isEqualTo(new OpaqueUri("nobodyknowsthisscheme", "nobodyKnowsThisScheme:totallyopaquecontent"));
        assertThat(((SipRequest) TortureFiles.parse("novelsc.dat")).requestUri().scheme()).isEqualTo("soap.beep");
        SipMessage unksm2 = TortureFiles.parse("unksm2.dat");
        assertThat(unksm2.to().uri()).isEqualTo(new OpaqueUri("isbn", "isbn:2983792873"));
        assertThat(unksm2.from().uri().scheme()).isEqualTo("http");
        assertThat(unksm2.contacts().get(0).uri().toString()).isEqualTo("name:John_Smith");
    }

    @Test
    void framingAndScalarEdges() {
        SipMessage dblreq = TortureFiles.parse("dblreq.dat");
        assertThat(((SipRequest) dblreq).method()).isEqualTo("REGISTER");
        assertThat(dblreq.body()).isEmpty();
        assertThat(TortureFiles.parse("longreq.dat").vias()).hasSize(34);
        assertThat(TortureFiles.parse("transports.dat").vias()).extracting(Via::transport)
                .containsExactly("UDP", "SCTP", "TLS", "UNKNOWN", "TCP");
        assertThat(TortureFiles.parse("zeromf.dat").maxForwards()).isZero();
        assertThat(TortureFiles.parse("badbranch.dat").topVia().hasRfc3261Branch()).isFalse();
        SipMessage inv2543 = TortureFiles.parse("inv2543.dat");
        assertThat(inv2543.topVia().branch()).isNull();
        assertThat(inv2543.from().tag()).isNull();
        assertThat(inv2543.maxForwards()).isEqualTo(-1);
        assertThat(new String(inv2543.body(), StandardCharsets.UTF_8)).endsWith("m=audio 49217 RTP/AVP 0\r\n");
    }

    @Test
    void responsesWithUnusualReasonPhrases() {
        SipResponse unreason = (SipResponse) TortureFiles.parse("unreason.dat");
        assertThat(unreason.status()).isEqualTo(200);
        assertThat(unreason.reasonPhrase()).startsWith("= 2**3 * 5**2 \u043d\u043e \u0441\u0442\u043e");
        SipResponse noreason = (SipResponse) TortureFiles.parse("noreason.dat");
        assertThat(noreason.status()).isEqualTo(100);
        assertThat(noreason.reasonPhrase()).isEmpty();
    }
}
