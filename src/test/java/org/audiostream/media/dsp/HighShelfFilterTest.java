package org.audiostream.media.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HighShelfFilterTest {

    /** Expected gains from the RBJ transfer function evaluated on the unit circle. */
    @ParameterizedTest(name = "{0} Hz at {1} Hz: {2} dB")
    @CsvSource({
        "8000, 300, 0.0", "8000, 3000, 1.5", "8000, 3900, 3.0",
        "16000, 300, 0.0", "16000, 3000, 1.5", "16000, 7000, 3.0"
    })
    void boostsHighFrequenciesByTheShelfGain(int rate, double hz, double expectedDb) {
        DspChain chain = new DspChain(Signals.nothingEnabled(rate).withHighShelf(HighShelfFilter.Settings.DEFAULT));
        short[] in = Signals.sine(rate, hz, -6, rate);
        short[] out = Signals.processInFrames(chain, in, rate);
        double gain = Signals.levelDb(out, rate / 2, rate) - Signals.levelDb(in, rate / 2, rate);
        assertThat(gain).isCloseTo(expectedDb, within(expectedDb == 0.0 ? 0.1 : 0.3));
    }

    @Test
    void rejectsAShelfFrequencyAtOrAboveNyquist() {
        assertThatThrownBy(() -> new HighShelfFilter(HighShelfFilter.Settings.DEFAULT, 6000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("high-shelf filter rejected: frequencyHz=3000.0 >= Nyquist=3000.0 Hz (sampleRate=6000)");
    }
}
