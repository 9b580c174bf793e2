package org.audiostream.stream.ai.tts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.audiostream.media.G711Law;
import org.junit.jupiter.api.Test;

class TtsAudioDecoderTest {

    @Test
    void pcmSplitAcrossChunksIsCarriedOver() {
        TtsAudioDecoder d = new TtsAudioDecoder(TtsFormat.PCM_16000);
        short[] out = new short[8];
        byte[] pcm = {0x34, 0x12, (byte) 0xff, 0x7f, 0x00, (byte) 0x80};
        assertThat(d.decode(pcm, 0, 3, out)).isEqualTo(1);
        assertThat(out[0]).isEqualTo((short) 0x1234);
        assertThat(d.decode(pcm, 3, 3, out)).isEqualTo(2);
        assertThat(out[0]).isEqualTo(Short.MAX_VALUE);
        assertThat(out[1]).isEqualTo(Short.MIN_VALUE);
    }

    @Test
    void g711IsDecodedByItsLaw() {
        TtsAudioDecoder d = new TtsAudioDecoder(TtsFormat.ALAW_8000);
        short[] out = new short[2];
        byte[] coded = {G711Law.PCMA.encode((short) 1000), G711Law.PCMA.encode((short) -1000)};
        assertThat(d.decode(coded, 0, 2, out)).isEqualTo(2);
        assertThat(out[0]).isEqualTo(G711Law.PCMA.decode(coded[0]));
        assertThat(out[1]).isEqualTo(G711Law.PCMA.decode(coded[1]));
    }

    @Test
    void theCallsOwnFormatIsAskedFor() {
        assertThat(TtsFormat.forCall(8000, Optional.of(G711Law.PCMU))).isEqualTo(TtsFormat.ULAW_8000);
        assertThat(TtsFormat.forCall(8000, Optional.of(G711Law.PCMA))).isEqualTo(TtsFormat.ALAW_8000);
        assertThat(TtsFormat.forCall(16_000, Optional.empty())).isEqualTo(TtsFormat.PCM_16000);
        assertThat(TtsFormat.forCall(48_000, Optional.empty())).isEqualTo(TtsFormat.PCM_48000);
        assertThat(TtsFormat.forCall(8000, Optional.empty())).isEqualTo(TtsFormat.PCM_8000);
    }
}
