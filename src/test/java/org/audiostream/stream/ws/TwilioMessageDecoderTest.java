package org.audiostream.stream.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.audiostream.stream.ws.StreamAudioMessage.Clear;
import org.audiostream.stream.ws.StreamAudioMessage.Json;
import org.audiostream.stream.ws.StreamAudioMessage.Mark;
import org.audiostream.stream.ws.StreamAudioMessage.MulawAudio;
import org.audiostream.stream.ws.StreamAudioMessage.Rejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TwilioMessageDecoderTest {

    private static final byte[] ULAW = {(byte) 0xff, 0x7f, 0x00, (byte) 0x80, 0x12};
    private static final String B64 = Base64.getEncoder().encodeToString(ULAW);

    private final TwilioMessageDecoder decoder = new TwilioMessageDecoder(64);

    @Test
    void mediaPayloadIsMulawToPlayWhateverTheMemberOrder() {
        assertThat(((MulawAudio) decoder.decode("{\"event\":\"media\",\"streamSid\":\"MZ1\",\"media\":{\"payload\":\""
                + B64 + "\"}}")).ulaw()).containsExactly(ULAW);
        assertThat(((MulawAudio) decoder.decode("{\"media\":{\"track\":\"outbound\",\"payload\":\"" + B64
                + "\",\"extra\":[1]},\"event\":\"media\"}")).ulaw()).containsExactly(ULAW);
    }

    @Test
    void markAndClear() {
        assertThat(decoder.decode("{\"event\":\"mark\",\"streamSid\":\"MZ1\",\"mark\":{\"name\":\"my label\"}}"))
                .isEqualTo(new Mark("my label"));
        assertThat(decoder.decode("{\"event\":\"clear\",\"streamSid\":\"MZ1\"}")).isEqualTo(new Clear("clear"));
    }

    @Test
    void anythingElseThatIsJsonIsPassedOn() {
        for (String text : new String[] {"{\"event\":\"transcript\",\"text\":\"hi\"}", "{\"type\":\"streamAudio\"}",
                "[1,2]", "\"just a string\"", "{}"}) {
            assertThat(decoder.decode(text)).as(text).isEqualTo(new Json(text));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"event\":\"media\"}|media message without a media object",
        "{\"event\":\"media\",\"media\":{}}|media.payload missing",
        "{\"event\":\"media\",\"media\":\"x\"}|media must be an object, got \"x\"",
        "{\"event\":\"media\",\"media\":{\"payload\":7}}|media.payload must be a string, got 7",
        "{\"event\":\"media\",\"media\":{\"payload\":\"\"}}|media.payload is empty",
        "{\"event\":\"media\",\"media\":{\"payload\":\"@@@@\"}}|media.payload is not valid base64: Illegal base64 character 40",
        "{\"event\":\"media\",\"media\":{\"payload\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}}|media.payload length=68 > AUDIO_STREAM_MAX_AUDIO_BASE64_LEN=64 characters",
        "{\"event\":\"mark\",\"mark\":{}}|mark.name must be a non-empty string",
        "{\"event\":\"mark\"}|mark.name must be a non-empty string",
        "{\"event\":\"mark\",\"mark\":{\"name\":\"\"}}|mark.name must be a non-empty string",
        "{\"event\":\"clear\"} {}|invalid JSON: content after the root value at offset 18",
        "|invalid JSON: empty message",
    })
    void unusableMessagesAreRejectedWithTheReason(String text, String reason) {
        String message = text == null ? "" : text;
        assertThat(decoder.decode(message)).isEqualTo(new Rejected(reason, message));
    }

    @Test
    void malformedJsonIsRejectedWithJacksonsReasonAndOffset() {
        String text = "{\"event\":\"media\",\"media\":{\"payload\":";
        Rejected r = (Rejected) decoder.decode(text);
        assertThat(r.reason()).startsWith("invalid JSON: ").contains("at offset");
        assertThat(r.originalText()).isEqualTo(text);
    }
}
