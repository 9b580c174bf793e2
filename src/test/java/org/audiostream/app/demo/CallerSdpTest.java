package org.audiostream.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.audiostream.call.sip.MediaDescription;
import org.audiostream.call.sip.SessionDescription;
import org.junit.jupiter.api.Test;

class CallerSdpTest {

    private static final String ANSWER_HEAD = "v=0\r\no=gw 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.2\r\nt=0 0\r\n";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void offersPcmuAndTelephoneEventIn20MsPackets() throws Exception {
        String offer = CallerSdp.offer(InetAddress.getByName("127.0.0.1"), 40_000, 42);

        SessionDescription sdp = SessionDescription.parse(bytes(offer));
        MediaDescription audio = sdp.media().get(0);
        assertThat(sdp.connection()).isEqualTo("IN IP4 127.0.0.1");
        assertThat(sdp.line('o')).isEqualTo("demo-caller 42 1 IN IP4 127.0.0.1");
        assertThat(audio.mLine()).isEqualTo("audio 40000 RTP/AVP 0 101");
        assertThat(audio.rtpmap("0")).isEqualTo("PCMU/8000");
        assertThat(audio.rtpmap("101")).isEqualTo("telephone-event/8000");
        assertThat(audio.attribute("fmtp")).isEqualTo("101 0-16");
        assertThat(audio.attribute("ptime")).isEqualTo("20");
        assertThat(audio.attribute("sendrecv")).isEmpty();
    }

    @Test
    void offersIp6WhenTheCallerIsOnIp6() throws Exception {
        assertThat(CallerSdp.offer(InetAddress.getByName("::1"), 40_000, 1)).contains("c=IN IP6 0:0:0:0:0:0:0:1\r\n");
    }

    @Test
    void readsWhereToSendRtpFromTheAnswer() throws Exception {
        String answer = ANSWER_HEAD + "m=audio 20002 RTP/AVP 0 96\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:96 telephone-event/8000\r\n";

        CallerSdp.Answer a = CallerSdp.readAnswer(bytes(answer));

        assertThat(a.rtp()).isEqualTo(new InetSocketAddress("127.0.0.2", 20002));
        assertThat(a.telephoneEventPt()).isEqualTo(96);
    }

    @Test
    void aMediaLevelConnectionWinsAndTelephoneEventIsOptional() throws Exception {
        String answer = ANSWER_HEAD + "m=audio 20004 RTP/AVP 0\r\nc=IN IP4 127.0.0.3\r\n";

        assertThat(CallerSdp.readAnswer(bytes(answer))).isEqualTo(
                new CallerSdp.Answer(new InetSocketAddress("127.0.0.3", 20004), -1));
    }

    @Test
    void refusesAnswersItCannotUse() {
        assertThatThrownBy(() -> CallerSdp.readAnswer(bytes(ANSWER_HEAD + "m=audio 20002 RTP/AVP 8\r\n")))
                .isInstanceOf(SipCallException.class)
                .hasMessage("SDP answer unusable: payloadType=8 is not the offered PCMU (0)");
        assertThatThrownBy(() -> CallerSdp.readAnswer(bytes(ANSWER_HEAD + "m=audio 0 RTP/AVP 0\r\n")))
                .hasMessage("SDP answer unusable: first media section is not an active audio stream: m=audio 0 RTP/AVP 0");
        assertThatThrownBy(() -> CallerSdp.readAnswer(bytes(ANSWER_HEAD)))
                .hasMessage("SDP answer unusable: no media section");
        assertThatThrownBy(() -> CallerSdp.readAnswer(bytes("v=0\r\no=gw 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 1 RTP/AVP 0\r\n")))
                .hasMessage("SDP answer unusable: no c= line");
        assertThatThrownBy(() -> CallerSdp.readAnswer(bytes("hello")))
                .hasMessageStartingWith("SDP answer unusable: SDP line 1 is not '<type>=<value>'");
        assertThatThrownBy(() -> CallerSdp.readAnswer(new byte[0]))
                .hasMessageStartingWith("SDP answer unusable: ");
    }
}
