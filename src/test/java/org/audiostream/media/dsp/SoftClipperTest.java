package org.audiostream.media.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SoftClipperTest {

    private final SoftClipper clipper = new SoftClipper(SoftClipper.Settings.DEFAULT);

    private float clip(double x) {
        float[] sample = {(float) x};
        clipper.process(sample, 1);
        return sample[0];
    }

    @Test
    void isTransparentUpToTheThreshold() {
        DspChain chain = new DspChain(Signals.nothingEnabled(8000).withSoftClipper(SoftClipper.Settings.DEFAULT));
        short[] pcm = new short[2 * 27852 + 1];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (i - 27852); // |x| <= 0.85 * 32768
        }
        short[] out = pcm.clone();
        chain.process(out, 0, out.length);
        assertThat(out).containsExactly(pcm);
    }

    @Test
    void staysWithinFullScaleAndIsMonotonicOverTheWholeRange() {
        float previous = -Float.MAX_VALUE;
        for (double x = -8.0; x <= 8.0; x += 1.0 / 4096) {
            float y = clip(x);
            assertThat(Math.abs(y)).as("|clip(%s)|", x).isLessThanOrEqualTo(1.0f);
            assertThat(y).as("clip(%s) after %s", x, previous).isGreaterThanOrEqualTo(previous);
            previous = y;
        }
    }

    @Test
    void joinsTheLinearPartWithoutAKink() {
        double slopeAbove = (clip(0.85 + 1e-4) - clip(0.85)) / 1e-4;
        assertThat(slopeAbove).isBetween(0.99, 1.0001);
        assertThat(clip(1.0)).isBetween(0.96423f, 0.96424f); // 0.85 + 0.15 * tanh(1) = 0.964239
    }

    @Test
    void keepsShortsWithinFullScale() {
        DspChain chain = new DspChain(Signals.nothingEnabled(8000).withSoftClipper(SoftClipper.Settings.DEFAULT));
        short[] pcm = {Short.MAX_VALUE, Short.MIN_VALUE, 30000, -30000};
        chain.process(pcm, 0, pcm.length);
        // 32768 * (0.85 + 0.15 * tanh((x - 0.85) / 0.15)) for x = 32767/32768, 1, 30000/32768
        assertThat(pcm).containsExactly(31596, -31596, 29873, -29873);
    }

    @Test
    void rejectsAThresholdOutsideTheUnitInterval() {
        assertThatThrownBy(() -> new SoftClipper.Settings(true, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("soft clipper rejected: threshold=1.0 outside (0, 1)");
    }
}
