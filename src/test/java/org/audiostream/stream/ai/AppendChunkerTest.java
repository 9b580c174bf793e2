package org.audiostream.stream.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.audiostream.media.G711Law;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AppendChunkerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static short[] frame(int samples, int seed) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) ((i * 131 + seed * 977) % 20000 - 10000);
        }
        return pcm;
    }

    private static JsonNode parse(AppendChunker c) {
        return JSON.readTree(new String(c.message(), 0, c.messageLength(), StandardCharsets.US_ASCII));
    }

    @Test
    void twoPcmuFramesMakeOneFortyMillisecondAppendOfTheSameBytesRtpWouldCarry() {
        AppendChunker c = new AppendChunker(RealtimeFormat.PCMU, 40, 162);
        short[] a = frame(160, 1);
        short[] b = frame(160, 2);
        assertThat(c.add(a, 160)).isFalse();
        assertThat(c.add(b, 160)).isTrue();
        JsonNode msg = parse(c);
        assertThat(msg.path("type").asString()).isEqualTo("input_audio_buffer.append");
        byte[] audio = Base64.getDecoder().decode(msg.path("audio").asString());
        byte[] expected = new byte[320];
        G711Law.PCMU.encode(a, 0, expected, 0, 160);
        G711Law.PCMU.encode(b, 0, expected, 160, 160);
        assertThat(audio).isEqualTo(expected);
        assertThat(c.chunkMs()).isEqualTo(40);
    }

    @Test
    void pcm24IsLittleEndianAndEveryMessageHasTheSameLength() {
        AppendChunker c = new AppendChunker(RealtimeFormat.PCM24, 20, 482);
        short[] a = frame(480, 3);
        assertThat(c.add(a, 480)).isTrue();
        int length = c.messageLength();
        byte[] audio = Base64.getDecoder().decode(parse(c).path("audio").asString());
        assertThat(audio).hasSize(960);
        assertThat((short) ((audio[2] & 0xff) | (audio[3] << 8))).isEqualTo(a[1]);
        assertThat(c.add(frame(480, 4), 480)).isTrue();
        assertThat(c.messageLength()).isEqualTo(length);
    }

    @Test
    void aFrameThatOverrunsTheChunkCarriesItsRestIntoTheNext() {
        AppendChunker c = new AppendChunker(RealtimeFormat.PCMU, 20, 162);
        short[] a = frame(161, 5);
        assertThat(c.add(a, 161)).isTrue();
        short[] b = frame(159, 6);
        assertThat(c.add(b, 159)).isTrue();
        byte[] audio = Base64.getDecoder().decode(parse(c).path("audio").asString());
        assertThat(audio[0]).isEqualTo(G711Law.PCMU.encode(a[160]));
        assertThat(audio[1]).isEqualTo(G711Law.PCMU.encode(b[0]));
    }
}
