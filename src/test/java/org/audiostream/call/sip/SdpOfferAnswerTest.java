package org.audiostream.call.sip;

import org.audiostream.call.MediaDirection;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SdpOfferAnswerTest {

    private static final MediaAnswer LOCAL = new MediaAnswer(InetAddress.getLoopbackAddress(), 20000);

    private static String offer(String mLine, String... attrs) {
        StringBuilder sb = new StringBuilder("v=0\r\no=user1 53655765 2353687637 IN IP4 10.0.0.5\r\ns=-\r\n"
                + "c=IN IP4 10.0.0.5\r\nt=0 0\r\nm=" + mLine + "\r\n");
        for (String a : attrs) {
            sb.append(a).append("\r\n");
        }
        return sb.toString();
    }

    private static SdpOutcome process(String sdp) {
        return SdpOfferAnswer.processOffer(sdp.getBytes(StandardCharsets.UTF_8));
    }

    private static NegotiatedMedia accepted(String sdp) {
        SdpOutcome o = process(sdp);
        assertThat(o).isInstanceOf(SdpOutcome.Accepted.class);
        return ((SdpOutcome.Accepted) o).media();
    }

    @Test
    void sippStylePcmuOfferGetsAnExactAnswer() {
        SdpOutcome.Accepted a = (SdpOutcome.Accepted) process(offer("audio 6000 RTP/AVP 0", "a=rtpmap:0 PCMU/8000"));

        assertThat(a.media()).isEqualTo(new NegotiatedMedia(new InetSocketAddress("10.0.0.5", 6000), 0, "PCMU", 8000,
                -1, 20, 0, MediaDirection.SENDRECV, 6001));
        SdpOrigin origin = new SdpOrigin("audiostream");
        String answer = SdpWriter.answer(a, LOCAL, origin).toString();
        assertThat(answer).isEqualTo("v=0\r\no=audiostream " + origin.sessionId() + " " + origin.version()
                + " IN IP4 127.0.0.1\r\ns=audiostream\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 20000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=ptime:20\r\na=sendrecv\r\n");
    }

    @Test
    void firstSupportedCodecInOfferOrderWinsAndTelephoneEventIsEchoed() {
        SdpOutcome.Accepted a = (SdpOutcome.Accepted) process(offer("audio 5000 RTP/AVP 9 8 0 96",
                "a=rtpmap:96 telephone-event/8000", "a=fmtp:96 0-15", "a=ptime:30", "a=rtcp:5009"));

        assertThat(a.media().payloadType()).isEqualTo(8);
        assertThat(a.media().encodingName()).isEqualTo("PCMA");
        assertThat(a.media().telephoneEventPt()).isEqualTo(96);
        assertThat(a.media().ptime()).isEqualTo(30);
        assertThat(a.media().offeredPtime()).isEqualTo(30);
        assertThat(a.media().remoteRtcpPort()).isEqualTo(5009);
        assertThat(SdpWriter.answer(a, new MediaAnswer(InetAddress.getLoopbackAddress(), 20000, 20011), new SdpOrigin("x"))
                .media().get(0).lines()).extracting(SdpLine::toString).containsExactly(
                "a=rtpmap:8 PCMA/8000", "a=rtpmap:96 telephone-event/8000", "a=fmtp:96 0-16", "a=ptime:30",
                "a=sendrecv", "a=rtcp:20011");
    }

    @Test
    void dynamicPayloadTypeCarryingPcmuIsAccepted() {
        NegotiatedMedia m = accepted(offer("audio 4000 RTP/AVP 96", "a=rtpmap:96 pcmu/8000"));
        assertThat(m.payloadType()).isEqualTo(96);
        assertThat(m.encodingName()).isEqualTo("PCMU");
    }

    @Test
    void noCommonCodecIsATypedRejectionListingBothSides() {
        SdpOutcome o = process(offer("audio 5000 RTP/AVP 9 18 101", "a=rtpmap:18 G729/8000", "a=rtpmap:101 telephone-event/8000"));

        assertThat(o).isEqualTo(new SdpOutcome.Rejected(488, 305, "SDP offer rejected: no common codec; offered "
                + "[9 G722, 18 G729, 101 telephone-event], we accept [0 PCMU, 8 PCMA]"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
        10.0.0.5 | a=sendrecv | SENDRECV
        10.0.0.5 | a=sendonly | RECVONLY
        10.0.0.5 | a=recvonly | SENDONLY
        10.0.0.5 | a=inactive | INACTIVE
        0.0.0.0  | a=sendrecv | RECVONLY
        0.0.0.0  | a=recvonly | INACTIVE
        """)
    void answerDirectionFollowsRfc3264(String address, String attr, MediaDirection ours) {
        NegotiatedMedia m = accepted(offer("audio 5000 RTP/AVP 0", attr).replace("c=IN IP4 10.0.0.5", "c=IN IP4 " + address));
        assertThat(m.direction()).isEqualTo(ours);
        assertThat(m.direction().sends()).isEqualTo(ours == MediaDirection.SENDRECV || ours == MediaDirection.SENDONLY);
        assertThat(m.direction().receives()).isEqualTo(ours == MediaDirection.SENDRECV || ours == MediaDirection.RECVONLY);
    }

    @Test
    void sessionLevelDirectionAppliesWhenMediaHasNone() {
        NegotiatedMedia m = accepted(offer("audio 5000 RTP/AVP 0").replace("t=0 0\r\n", "t=0 0\r\na=sendonly\r\n"));
        assertThat(m.direction()).isEqualTo(MediaDirection.RECVONLY);
    }

    @ParameterizedTest(name = "ptime {0} maxptime {1} -> {2}")
    @CsvSource({"0, 0, 20", "30, 0, 30", "25, 0, 20", "5, 0, 10", "100, 0, 60", "30, 20, 20", "0, 10, 10"})
    void sendPtimeIsTheOfferedOneClamped(int offered, int maxptime, int expected) {
        assertThat(SdpOfferAnswer.sendPtime(offered, maxptime)).isEqualTo(expected);
    }

    @Test
    void otherStreamsAreRejectedWithPortZeroInTheAnswer() {
        String sdp = offer("video 3227 RTP/AVP 31", "a=rtpmap:31 LPC") + "m=audio 49217 RTP/AVP 0 12\r\n";
        SdpOutcome.Accepted a = (SdpOutcome.Accepted) process(sdp);
        SessionDescription answer = SdpWriter.answer(a, LOCAL, new SdpOrigin("x"));

        assertThat(a.mediaIndex()).isEqualTo(1);
        assertThat(answer.media()).extracting(MediaDescription::mLine)
                .containsExactly("video 0 RTP/AVP 31", "audio 20000 RTP/AVP 0");
    }

    @Test
    void unsupportedTransportMissingAudioAndMalformedSdpAreRejected() {
        assertThat(process(offer("audio 5000 RTP/SAVP 0"))).isEqualTo(new SdpOutcome.Rejected(488, 302,
                "SDP offer rejected: audio transport RTP/SAVP not supported; we accept [RTP/AVP]"));
        assertThat(process(offer("video 5000 RTP/AVP 31"))).isEqualTo(new SdpOutcome.Rejected(488, 304,
                "SDP offer rejected: no active audio stream; offered [video RTP/AVP]"));
        assertThat(process("v=0\r\nbogus\r\n")).isEqualTo(new SdpOutcome.Rejected(400, 399,
                "SDP offer malformed: SDP line 2 is not '<type>=<value>': 'bogus'"));
        assertThat(process(offer("audio 5000 RTP/AVP 0").replace("c=IN IP4 10.0.0.5", "c=IN IP4 media.example.com")))
                .isEqualTo(new SdpOutcome.Rejected(488, 301,
                        "SDP offer rejected: c=IN IP4 media.example.com is not 'IN IP4|IP6 <unicast IP literal>'"));
    }

    /** Issue 14 finding 5: RTCP would be on port 65536, which made the gateway answer 500. */
    @Test
    void theHighestPortIsRefusedWithoutAnRtcpAttributeAndAcceptedWithOne() {
        assertThat(process(offer("audio 65535 RTP/AVP 0"))).isEqualTo(new SdpOutcome.Rejected(488, 399,
                "SDP offer rejected: m=audio port 65535 leaves no port for RTCP (port + 1) and there is no valid a=rtcp"));
        assertThat(process(offer("audio 65535 RTP/AVP 0", "a=rtcp:x"))).isInstanceOf(SdpOutcome.Rejected.class);
        NegotiatedMedia withRtcp = accepted(offer("audio 65535 RTP/AVP 0", "a=rtcp:65534"));
        assertThat(withRtcp.remoteRtp().getPort()).isEqualTo(65535);
        assertThat(withRtcp.remoteRtcpPort()).isEqualTo(65534);
        assertThat(accepted(offer("audio 65534 RTP/AVP 0")).remoteRtcpPort()).isEqualTo(65535);
    }

    @Test
    void lateOfferAndItsAnswer() {
        SdpOrigin origin = new SdpOrigin("audiostream");
        String ours = SdpWriter.offer(LOCAL, origin, MediaDirection.SENDRECV).toString();
        assertThat(ours).endsWith("m=audio 20000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n");

        SdpOutcome o = SdpOfferAnswer.processAnswer(offer("audio 7000 RTP/AVP 8 101", "a=rtpmap:101 telephone-event/8000",
                "a=sendonly").getBytes(StandardCharsets.UTF_8));
        NegotiatedMedia m = ((SdpOutcome.Accepted) o).media();
        assertThat(m.payloadType()).isEqualTo(8);
        assertThat(m.telephoneEventPt()).isEqualTo(101);
        assertThat(m.direction()).isEqualTo(MediaDirection.RECVONLY);
        assertThat(m.remoteRtp()).isEqualTo(new InetSocketAddress("10.0.0.5", 7000));
        assertThat(SdpOfferAnswer.processAnswer(offer("audio 0 RTP/AVP 0").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new SdpOutcome.Rejected(488, 304, "SDP answer rejected: the audio stream was refused (port 0)"));
    }

    @Test
    void originVersionGoesUpOnlyWhenTheSdpChanges() {
        SdpOrigin origin = new SdpOrigin("x");
        SdpOutcome.Accepted a = (SdpOutcome.Accepted) process(offer("audio 5000 RTP/AVP 0"));
        SdpOutcome.Accepted hold = (SdpOutcome.Accepted) process(offer("audio 5000 RTP/AVP 0", "a=sendonly"));
        long v0 = origin.version();

        origin.stamp(SdpWriter.answer(a, LOCAL, origin), () -> SdpWriter.answer(a, LOCAL, origin));
        origin.stamp(SdpWriter.answer(a, LOCAL, origin), () -> SdpWriter.answer(a, LOCAL, origin));
        assertThat(origin.version()).isEqualTo(v0);
        SessionDescription held = origin.stamp(SdpWriter.answer(hold, LOCAL, origin), () -> SdpWriter.answer(hold, LOCAL, origin));
        assertThat(origin.version()).isEqualTo(v0 + 1);
        assertThat(held.line('o')).endsWith(" " + (v0 + 1) + " IN IP4 127.0.0.1");
        assertThat(held.media().get(0).attribute("recvonly")).isEmpty();
    }

    @Test
    void parserKeepsUnknownLinesAndSerialisesBack() {
        String sdp = offer("audio 5000 RTP/AVP 0", "b=AS:64", "a=x-custom:1 2") + "m=video 0 RTP/AVP 31\r\n";
        assertThat(SdpParser.parse(sdp).toString()).isEqualTo(sdp);
    }
}
