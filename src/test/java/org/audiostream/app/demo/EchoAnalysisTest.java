package org.audiostream.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EchoAnalysisTest {

    /** Deterministic noise-like "speech": broadband, so the correlation peak is one sample wide. */
    private static short[] noise(int samples, int amplitude, long seed) {
        Random random = new Random(seed);
        short[] s = new short[samples];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (random.nextGaussian() * amplitude / 3);
        }
        return s;
    }

    @Test
    void findsTheDelayOfAQuieterNoisyEcho() {
        short[] sent = noise(16_000, 8000, 1);
        short[] heard = new short[24_000];
        short[] hiss = noise(heard.length, 200, 2);
        for (int i = 0; i < heard.length; i++) {
            int j = i - 4_321;
            heard[i] = (short) ((j >= 0 && j < sent.length ? sent[j] / 2 : 0) + hiss[i]);
        }

        EchoAnalysis.Echo echo = EchoAnalysis.locate(sent, heard, 8_000);

        assertThat(echo.lagSamples()).isEqualTo(4_321);
        assertThat(echo.lagMillis()).isEqualTo(540);
        assertThat(echo.correlation()).isGreaterThan(0.99).isLessThanOrEqualTo(1.0);
    }

    @Test
    void anEchoBeyondTheSearchRangeIsNotFound() {
        short[] sent = noise(8_000, 8000, 3);
        short[] heard = new short[20_000];
        System.arraycopy(sent, 0, heard, 10_000, sent.length);

        assertThat(EchoAnalysis.locate(sent, heard, 4_000).correlation()).isLessThan(0.1);
    }

    @Test
    void silenceOrNothingHeardHasNoCorrelation() {
        short[] sent = noise(8_000, 8000, 4);

        assertThat(EchoAnalysis.locate(sent, new short[12_000], 4_000)).isEqualTo(new EchoAnalysis.Echo(0, 0.0));
        assertThat(EchoAnalysis.locate(sent, new short[0], 4_000)).isEqualTo(new EchoAnalysis.Echo(0, 0.0));
    }

    @Test
    void audibleTimeCountsTwentyMillisecondBlocksAboveMinus40Dbfs() {
        short[] pcm = new short[8_000 * 3];
        for (int i = 8_000; i < 16_000 + 80; i++) {
            pcm[i] = (short) (3000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));   // about -24 dBFS
        }
        for (int i = 16_000 + 80; i < 24_000; i++) {
            pcm[i] = (short) (100 * Math.sin(2 * Math.PI * 440 * i / 8000.0));    // about -53 dBFS: inaudible here
        }

        assertThat(EchoAnalysis.audibleMillis(pcm)).isEqualTo(1020);   // 50 full blocks plus the half-filled one
    }
}
