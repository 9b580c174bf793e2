package org.audiostream.fakes.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.audiostream.media.G711;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The fake's 24 kHz → output-format conversion: exact for PCM, aligned and in-band for G.711. */
class AudioFormatTest {

    private static short[] tone24k(int n, double hz) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * hz * i / 24_000));
        }
        return s;
    }

    @Test
    void pcmIsLittleEndianAndDecodesBack() {
        short[] samples = {0, 1, -1, 32767, -32768, 258};
        byte[] bytes = AudioFormat.PCM24.encode24k(samples);
        assertThat(bytes).containsExactly(0, 0, 1, 0, -1, -1, -1, 127, 0, -128, 2, 1);
        assertThat(AudioFormat.PCM24.decode(bytes)).containsExactly(samples);
    }

    @ParameterizedTest
    @EnumSource(value = AudioFormat.class, names = {"PCMU", "PCMA"})
    void g711IsOneThirdAsLongAndLinesUpWithTheInput(AudioFormat format) {
        short[] in = tone24k(24_000, 700); // 1 s
        byte[] out = format.encode24k(in);
        assertThat(out).hasSize(8_000);
        short[] decoded = format.decode(out);
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < decoded.length; i++) {
            ab += decoded[i] * (double) in[3 * i];
            aa += decoded[i] * (double) decoded[i];
            bb += in[3 * i] * (double) in[3 * i];
        }
        assertThat(ab / Math.sqrt(aa * bb)).isGreaterThan(0.999);
        assertThat(decoded[4000]).isEqualTo(format == AudioFormat.PCMU ? G711.decodeUlaw(out[4000]) : G711.decodeAlaw(out[4000]));
    }

    @Test
    void aToneAboveTheNarrowBandIsFilteredOut() {
        byte[] out = AudioFormat.PCMU.encode24k(tone24k(24_000, 6000)); // above 4 kHz: must not alias
        double energy = 0;
        for (short s : AudioFormat.PCMU.decode(out)) {
            energy += s * (double) s;
        }
        assertThat(Math.sqrt(energy / out.length)).isLessThan(60); // vs 5657 RMS in: > 40 dB down
    }
}
