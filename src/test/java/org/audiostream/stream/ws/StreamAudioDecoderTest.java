package org.audiostream.stream.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.audiostream.stream.ws.StreamAudioMessage.Audio;
import org.audiostream.stream.ws.StreamAudioMessage.Clear;
import org.audiostream.stream.ws.StreamAudioMessage.ClearMarks;
import org.audiostream.stream.ws.StreamAudioMessage.FileAudio;
import org.audiostream.stream.ws.StreamAudioMessage.Json;
import org.audiostream.stream.ws.StreamAudioMessage.Mark;
import org.audiostream.stream.ws.StreamAudioMessage.Rejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamAudioDecoderTest {

    private static final byte[] PCM = {1, 2, 3, 4, 5, 6, 7, 8};
    private static final String B64 = Base64.getEncoder().encodeToString(PCM);

    private final StreamAudioDecoder inject = new StreamAudioDecoder(64, false);
    private final StreamAudioDecoder files = new StreamAudioDecoder(64, true);

    private static String streamAudio(String data) {
        return "{\"type\":\"streamAudio\",\"data\":" + data + "}";
    }

    private void assertRejected(StreamAudioDecoder decoder, String text, String reason) {
        assertThat(decoder.decode(text)).isEqualTo(new Rejected(reason, text));
    }

    @Test
    void rawAudioWithEchoedExtraFields() {
        String text = streamAudio("{\"audioDataType\":\"raw\",\"sampleRate\":24000,\"audioData\":\"" + B64
                + "\",\"channels\":1,\"seq\":17,\"meta\":{\"a\":[1,2.50]}}");
        Audio audio = (Audio) inject.decode(text);
        assertThat(audio.pcm()).containsExactly(PCM);
        assertThat(audio.sampleRate()).isEqualTo(24000);
        assertThat(audio.channels()).isEqualTo(1);
        assertThat(audio.trimmedBytes()).isZero();
        assertThat(audio.dataJson())
                .isEqualTo("{\"audioDataType\":\"raw\",\"sampleRate\":24000,\"channels\":1,\"seq\":17,\"meta\":{\"a\":[1,2.50]}}");
    }

    @Test
    void extraFieldsAreEchoedVerbatimWhateverTheSpacing() {
        String text = "{ \"type\" : \"streamAudio\",\n \"data\" : { \"audioDataType\" : \"raw\" ,\t\"audioData\": \""
                + B64 + "\" , \"sampleRate\":8000, \"tag\" : \"a,b}\" , \"n\" : -1.5e3 } }";
        Audio audio = (Audio) inject.decode(text);
        assertThat(audio.dataJson())
                .isEqualTo("{\"audioDataType\" : \"raw\",\"sampleRate\":8000,\"tag\" : \"a,b}\",\"n\" : -1.5e3}");
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000, 64000, 88200, 96000, 8001})
    void everyRateFrom8To96KHzIsAccepted(int rate) {
        Audio audio = (Audio) inject.decode(streamAudio("{\"audioDataType\":\"raw\",\"sampleRate\":" + rate
                + ",\"audioData\":\"" + B64 + "\"}"));
        assertThat(audio.sampleRate()).isEqualTo(rate);
        assertThat(audio.channels()).isEqualTo(1);
    }

    @Test
    void rootShorthand() {
        Audio audio = (Audio) inject.decode("{\"audioData\":\"" + B64 + "\",\"audioDataType\":\"raw\",\"sampleRate\":8000,"
                + "\"channels\":2}");
        assertThat(audio.pcm()).containsExactly(PCM);
        assertThat(audio.channels()).isEqualTo(2);
        assertThat(audio.dataJson()).isEqualTo("{\"audioDataType\":\"raw\",\"sampleRate\":8000,\"channels\":2}");
    }

    @Test
    void streamAudioTypeWithRootFieldsIsShorthandToo() {
        Audio audio = (Audio) inject.decode("{\"type\":\"streamAudio\",\"audioDataType\":\"raw\",\"sampleRate\":8000,"
                + "\"audioData\":\"" + B64 + "\"}");
        assertThat(audio.dataJson()).isEqualTo("{\"type\":\"streamAudio\",\"audioDataType\":\"raw\",\"sampleRate\":8000}");
    }

    @Test
    void oddByteIsDroppedAndCounted() {
        String b64 = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
        Audio audio = (Audio) inject.decode(streamAudio("{\"audioDataType\":\"raw\",\"sampleRate\":8000,\"audioData\":\""
                + b64 + "\"}"));
        assertThat(audio.pcm()).containsExactly(1, 2);
        assertThat(audio.trimmedBytes()).isEqualTo(1);
    }

    @Test
    void halfStereoFrameIsDropped() {
        String b64 = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6});
        Audio audio = (Audio) inject.decode(streamAudio("{\"audioDataType\":\"raw\",\"sampleRate\":8000,\"channels\":2,"
                + "\"audioData\":\"" + b64 + "\"}"));
        assertThat(audio.pcm()).containsExactly(1, 2, 3, 4);
        assertThat(audio.trimmedBytes()).isEqualTo(2);
    }

    @Test
    void clearForms() {
        assertThat(inject.decode(streamAudio("{\"clear\":true}"))).isEqualTo(new Clear("streamAudio.clear"));
        assertThat(inject.decode("{\"clear\":true}")).isEqualTo(new Clear("clear"));
        assertThat(inject.decode("{\"type\":\"killAudio\"}")).isEqualTo(new Clear("killAudio"));
        assertThat(inject.decode("{\"type\":\"clearAudio\",\"data\":{}}")).isEqualTo(new Clear("clearAudio"));
        assertThat(inject.decode("{\"clear\":false}")).isEqualTo(new Json("{\"clear\":false}"));
    }

    @Test
    void marks() {
        assertThat(inject.decode("{\"type\":\"mark\",\"data\":{\"name\":\"greeting-1\"}}")).isEqualTo(new Mark("greeting-1"));
        assertThat(inject.decode("{\"type\":\"clearMarks\"}")).isEqualTo(new ClearMarks());
        assertRejected(inject, "{\"type\":\"mark\"}", "mark without a data object");
        assertRejected(inject, "{\"type\":\"mark\",\"data\":{\"name\":\"\"}}", "mark data.name must be a non-empty string");
        assertRejected(inject, "{\"type\":\"mark\",\"data\":{\"name\":5}}", "mark data.name must be a non-empty string");
    }

    @Test
    void everythingElseIsJson() {
        for (String text : new String[] {"{\"type\":\"transcript\",\"text\":\"hi\"}", "[1,2]", "\"just a string\"", "42",
            "{\"type\":5}", "{}"}) {
            assertThat(inject.decode(text)).isEqualTo(new Json(text));
        }
    }

    @Test
    void invalidJson() {
        assertRejected(inject, "", "invalid JSON: empty message");
        assertRejected(inject, "hello there", "invalid JSON: Unrecognized token 'hello': was expecting"
                + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false') at offset 0");
        assertRejected(inject, "{\"a\":1", "invalid JSON: Unexpected end-of-input: expected close marker for"
                + " Object at offset 6");
        assertRejected(inject, "{} {}", "invalid JSON: content after the root value at offset 3");
    }

    @Test
    void audioProblems() {
        assertRejected(inject, streamAudio("{\"sampleRate\":8000,\"audioData\":\"" + B64 + "\"}"), "audioDataType missing");
        assertRejected(inject, streamAudio("{\"audioDataType\":1,\"sampleRate\":8000,\"audioData\":\"" + B64 + "\"}"),
                "audioDataType must be a string, got 1");
        assertRejected(inject, streamAudio("{\"audioDataType\":\"wav\",\"sampleRate\":8000,\"audioData\":\"" + B64 + "\"}"),
                "audioDataType=\"wav\" not supported for injection; accepted [raw] (file mode is off)");
        assertRejected(inject, streamAudio("{\"audioDataType\":\"raw\",\"audioData\":\"" + B64 + "\"}"), "sampleRate missing");
        assertRejected(inject, streamAudio("{\"audioDataType\":\"raw\",\"sampleRate\":7999,\"audioData\":\"" + B64 + "\"}"),
                "sampleRate=7999 out of range 8000-96000");
        assertRejected(inject, streamAudio("{\"audioDataType\":\"raw\",\"sampleRate\":96001,\"audioData\":\"" + B64 + "\"}"),
                "sampleRate=96001 out of range 8000-96000");
        assertRejected(inject, streamAudio("{\"audioDataType\":\"raw\",\"sampleRate\":\"8000\",\"audioData\":\"" + B64 + "\"}"),
                "sampleRate must be an integer, got \"8000\"");
        assertRejected(inject, streamAudio("{\"audioDataType\":\"raw\",\"sampleRate\":8000.0,\"audioData\":\"" + B64 + "\"}"),
                "sampleRate must be an integer, got 8000.0");
        assertRejected(inject, streamAudio("{\"audioDataType\":\"raw\",\"sampleRate\":8000,\"channels\":3,\"audioData\":\""
                + B64 + "\"}"), "channels=3 not one of [1, 2]");
        assertRejected(inject, streamAudio("{\"audioDataType\":\"raw\",\"sampleRate\":8000,\"channels\":[1],\"audioData\":\""
                + B64 + "\"}"), "channels must be an integer, got an array");
        assertRejected(inject, streamAudio("{\"audioDataType\":\"raw\",\"sampleRate\":8000}"), "audioData missing");
        assertRejected(inject, streamAudio("{\"audioDataType\":\"raw\",\"sampleRate\":8000,\"audioData\":\"\"}"),
                "audioData is empty");
        assertRejected(inject, streamAudio("{\"audioDataType\":\"raw\",\"sampleRate\":8000,\"audioData\":null}"),
                "audioData must be a string, got null");
        assertRejected(inject, streamAudio("{\"audioDataType\":\"raw\",\"sampleRate\":8000,\"audioData\":{\"x\":1}}"),
                "audioData must be a string, got an object");
        assertRejected(inject, streamAudio("{\"audioDataType\":\"raw\",\"sampleRate\":8000,\"audioData\":\"AQ==\"}"),
                "audioData decodes to 1 bytes, less than one sample frame of 2 bytes");
        assertRejected(inject, "{\"type\":\"streamAudio\"}", "streamAudio without a data object");
        assertRejected(inject, "{\"type\":\"streamAudio\",\"data\":\"x\"}", "streamAudio without a data object");
    }

    @Test
    void badBase64() {
        assertRejected(inject, streamAudio("{\"audioDataType\":\"raw\",\"sampleRate\":8000,\"audioData\":\"AQID-A==\"}"),
                "audioData is not valid base64: Illegal base64 character 2d");
        assertRejected(inject, streamAudio("{\"audioDataType\":\"raw\",\"sampleRate\":8000,\"audioData\":\"AQIDé\"}"),
                "audioData is not valid base64: character U+00E9 at index 4");
        assertRejected(inject, streamAudio("{\"audioDataType\":\"raw\",\"sampleRate\":8000,\"audioData\":\"AQIDB\"}"),
                "audioData is not valid base64: Last unit does not have enough valid bits");
    }

    @Test
    void sizeLimitIsCheckedBeforeDecoding() {
        String atLimit = "A".repeat(64);
        assertThat(inject.decode(streamAudio("{\"audioDataType\":\"raw\",\"sampleRate\":8000,\"audioData\":\"" + atLimit
                + "\"}"))).isInstanceOf(Audio.class);
        String over = "!".repeat(65); // not even base64: proves the length is checked first
        assertRejected(inject, streamAudio("{\"audioDataType\":\"raw\",\"sampleRate\":8000,\"audioData\":\"" + over + "\"}"),
                "audioData length=65 > AUDIO_STREAM_MAX_AUDIO_BASE64_LEN=64 characters");
    }

    @Test
    void badAudioInAnUnrelatedMessageIsStillJson() {
        String text = "{\"type\":\"note\",\"data\":{\"audioData\":\"!!\"}}";
        assertThat(inject.decode(text)).isEqualTo(new Json(text));
    }

    @Test
    void fileModeTypesAndSuffixes() {
        FileAudio raw = (FileAudio) files.decode(streamAudio("{\"audioDataType\":\"raw\",\"sampleRate\":64000,\"audioData\":\""
                + B64 + "\",\"seq\":1}"));
        assertThat(raw.fileSuffix()).isEqualTo(".r64");
        assertThat(raw.data()).containsExactly(PCM);
        assertThat(raw.dataJson()).isEqualTo("{\"audioDataType\":\"raw\",\"sampleRate\":64000,\"seq\":1}");
        for (String type : new String[] {"wav", "mp3", "ogg", "pcmu", "pcma"}) {
            FileAudio f = (FileAudio) files.decode(streamAudio("{\"audioDataType\":\"" + type + "\",\"audioData\":\"AQI=\"}"));
            assertThat(f.fileSuffix()).isEqualTo("." + type);
            assertThat(f.sampleRate()).isZero();
            assertThat(f.data()).containsExactly(1, 2);
        }
        assertRejected(files, streamAudio("{\"audioDataType\":\"raw\",\"sampleRate\":22050,\"audioData\":\"" + B64 + "\"}"),
                "sampleRate=22050 not one of [8000, 16000, 24000, 32000, 48000, 64000] for raw files");
        assertRejected(files, streamAudio("{\"audioDataType\":\"raw\",\"audioData\":\"" + B64 + "\"}"), "sampleRate missing");
        assertRejected(files, streamAudio("{\"audioDataType\":\"flac\",\"audioData\":\"" + B64 + "\"}"),
                "audioDataType=\"flac\" not one of [raw, wav, mp3, ogg, pcmu, pcma]");
    }
}
