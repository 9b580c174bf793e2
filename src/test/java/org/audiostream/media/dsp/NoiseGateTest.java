package org.audiostream.media.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NoiseGateTest {

    private static final int RATE = 8000;

    private static DspChain gateOnly() {
        return new DspChain(Signals.nothingEnabled(RATE).withNoiseGate(NoiseGate.Settings.DEFAULT));
    }

    @Test
    void mutesAToneBelowTheThreshold() {
        short[] quiet = Signals.sine(RATE, 1000, -60, RATE);
        short[] out = Signals.processInFrames(gateOnly(), quiet, RATE);
        assertThat(out).containsOnly((short) 0);
    }

    @Test
    void passesAToneAboveTheThreshold() {
        short[] tone = Signals.sine(RATE, 1000, -20, RATE);
        short[] out = Signals.processInFrames(gateOnly(), tone, RATE);
        assertThat(Signals.levelDb(out, 400, RATE)).isCloseTo(-20, within(0.05));
    }

    @Test
    void closesSmoothlyWithTheReleaseTimeWhenTheToneDrops() {
        short[] loud = Signals.sine(RATE, 1000, -20, RATE / 2);
        short[] quiet = Signals.sine(RATE, 1000, -60, RATE);
        short[] input = new short[3 * RATE / 2];
        System.arraycopy(loud, 0, input, 0, loud.length);
        System.arraycopy(quiet, 0, input, loud.length, quiet.length);
        short[] out = Signals.processInFrames(gateOnly(), input, RATE);

        // 10 ms after the drop the gate is still mostly open (release 50 ms) ...
        assertThat(Signals.levelDb(out, 4000, 4080)).isGreaterThan(-63);
        // ... the envelope (release 50 ms) falls below -45 dB after about 150 ms, then the gain
        // follows with the release time: 500 ms after the drop the quiet tone is gone.
        assertThat(Signals.levelDb(out, 8000, 12000)).isLessThan(-100);
    }

    @Test
    void rejectsAPositiveThreshold() {
        assertThatThrownBy(() -> new NoiseGate.Settings(true, 3, 1, 50))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("noise gate rejected: thresholdDb=3.0 > 0");
        assertThatThrownBy(() -> new NoiseGate.Settings(true, -45, 0, 50))
                .hasMessage("noise gate rejected: attackMs=0.0 <= 0 or not finite");
    }
}
