package org.audiostream.media.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DcBlockerTest {

    @Test
    void removesTheOffsetAndKeepsTheTone() {
        int rate = 8000;
        short[] tone = Signals.sine(rate, 1000, -12, rate);
        short[] input = new short[rate];
        for (int i = 0; i < rate; i++) {
            input[i] = (short) (tone[i] + 8000); // DC at about 0.24 of full scale
        }
        assertThat(Signals.mean(input, 4000, 8000)).isCloseTo(8000, within(1.0));

        DspChain chain = new DspChain(Signals.nothingEnabled(rate).withDcBlocker(DcBlocker.Settings.DEFAULT));
        short[] out = Signals.processInFrames(chain, input, rate);

        assertThat(Signals.mean(out, 4000, 8000)).isCloseTo(0, within(1.0));
        assertThat(Signals.levelDb(out, 4000, 8000)).isCloseTo(Signals.levelDb(tone, 4000, 8000), within(0.05));
    }

    @Test
    void rejectsAPoleOutsideTheUnitInterval() {
        assertThatThrownBy(() -> new DcBlocker.Settings(true, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DC blocker rejected: pole=1.0 outside (0, 1)");
    }
}
