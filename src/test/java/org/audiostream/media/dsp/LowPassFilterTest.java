package org.audiostream.media.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LowPassFilterTest {

    private static double gainDb(int rate, double cutoff, double hz) {
        DspChain chain = new DspChain(Signals.nothingEnabled(rate)
                .withLowPass(LowPassFilter.Settings.DEFAULT.withCutoffHz(cutoff)));
        short[] in = Signals.sine(rate, hz, -6, rate);
        short[] out = Signals.processInFrames(chain, in, rate);
        return Signals.levelDb(out, rate / 2, rate) - Signals.levelDb(in, rate / 2, rate);
    }

    @Test
    void isThreeDecibelsDownAtTheCutoff() {
        assertThat(gainDb(8000, 3800, 3800)).isCloseTo(-3.0, within(0.3));
        assertThat(gainDb(16000, 3800, 3800)).isCloseTo(-3.0, within(0.3));
        assertThat(gainDb(16000, 1000, 1000)).isCloseTo(-3.0, within(0.3));
    }

    @Test
    void passesTheBandBelowTheCutoff() {
        assertThat(gainDb(8000, 3800, 500)).isCloseTo(0.0, within(0.1));
        assertThat(gainDb(16000, 3800, 1000)).isCloseTo(0.0, within(0.1));
    }

    @Test
    void attenuatesStronglyAboveTheCutoff() {
        assertThat(gainDb(8000, 3800, 3900)).isLessThan(-10); // RBJ: -12.3 dB
        assertThat(gainDb(16000, 3800, 7600)).isLessThan(-40); // RBJ: -45.5 dB
        assertThat(gainDb(16000, 1000, 4000)).isLessThan(-24); // two octaves, 12 dB/octave
    }

    @Test
    void rejectsACutoffAtOrAboveNyquist() {
        LowPassFilter.Settings seedAuditValue = LowPassFilter.Settings.DEFAULT.withCutoffHz(7500);
        assertThatThrownBy(() -> new LowPassFilter(seedAuditValue, 8000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("low-pass filter rejected: cutoffHz=7500.0 >= Nyquist=4000.0 Hz (sampleRate=8000)");
        assertThatThrownBy(() -> new DspChain(DspSettings.defaults(8000).withLowPass(seedAuditValue)))
                .hasMessage("low-pass filter rejected: cutoffHz=7500.0 >= Nyquist=4000.0 Hz (sampleRate=8000)");
        assertThatThrownBy(() -> LowPassFilter.Settings.DEFAULT.withCutoffHz(0))
                .hasMessage("low-pass filter rejected: cutoffHz=0.0 <= 0 or not finite");
    }
}
