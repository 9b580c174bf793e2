package org.audiostream.stream.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.audiostream.media.G711Law;
import org.junit.jupiter.api.Test;

class RealtimeFormatTest {

    @Test
    void autoFollowsTheCallsLawAndFallsBackToPcm24() {
        assertThat(RealtimeFormat.choose("auto", Optional.of(G711Law.PCMU))).isEqualTo(RealtimeFormat.PCMU);
        assertThat(RealtimeFormat.choose("auto", Optional.of(G711Law.PCMA))).isEqualTo(RealtimeFormat.PCMA);
        assertThat(RealtimeFormat.choose("auto", Optional.empty())).isEqualTo(RealtimeFormat.PCM24);
        assertThat(RealtimeFormat.choose("pcm24", Optional.of(G711Law.PCMU))).isEqualTo(RealtimeFormat.PCM24);
    }

    @Test
    void truncationArithmeticUsesBytesPerMillisecond() {
        assertThat(RealtimeFormat.PCMU.bytesPerMs()).isEqualTo(8);
        assertThat(RealtimeFormat.PCMA.bytesPerMs()).isEqualTo(8);
        assertThat(RealtimeFormat.PCM24.bytesPerMs()).isEqualTo(48);
    }

    @Test
    void g711BytesSurviveDecodeAndEncodeUnchanged() {
        for (RealtimeFormat f : new RealtimeFormat[] {RealtimeFormat.PCMU, RealtimeFormat.PCMA}) {
            byte[] all = new byte[256];
            for (int i = 0; i < 256; i++) {
                all[i] = (byte) i;
            }
            short[] pcm = new short[256];
            assertThat(f.decode(all, 256, pcm)).isEqualTo(256);
            byte[] back = new byte[256];
            f.encode(pcm, 256, back, 0);
            for (int i = 0; i < 256; i++) {
                // μ-law has two zeros (0x7f and 0xff); every other code maps back to itself
                if (!(f == RealtimeFormat.PCMU && (i == 0x7f))) {
                    assertThat(back[i]).as("%s code %d", f, i).isEqualTo(all[i]);
                }
            }
        }
    }
}
