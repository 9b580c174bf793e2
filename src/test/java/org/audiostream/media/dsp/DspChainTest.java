package org.audiostream.media.dsp;

import static org.assertj.core.api.Assertions.assertThat;

import org.audiostream.media.AllocationProbe;
import org.junit.jupiter.api.Test;

class DspChainTest {

    private static final int RATE = 8000;

    /** Speech-like test signal: a 150 Hz buzz with harmonics, amplitude-modulated at 4 Hz. */
    private static short[] voiceLike(int samples, double peakDb) {
        double amplitude = 32767 * Math.pow(10, peakDb / 20) / 2.2;
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            double t = (double) i / RATE;
            double buzz = Math.sin(2 * Math.PI * 150 * t) + 0.7 * Math.sin(2 * Math.PI * 450 * t)
                    + 0.5 * Math.sin(2 * Math.PI * 1350 * t);
            double envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
            pcm[i] = (short) Math.round(amplitude * envelope * buzz);
        }
        return pcm;
    }

    @Test
    void runsTheEnabledStagesInTheFixedOrder() {
        assertThat(new DspChain(DspSettings.defaults(RATE)).stageNames()).containsExactly(
                "DcBlocker", "NoiseGate", "Compressor", "HighShelfFilter", "LowPassFilter", "SoftClipper");
        DspSettings some = Signals.nothingEnabled(RATE)
                .withSoftClipper(SoftClipper.Settings.DEFAULT)
                .withDcBlocker(DcBlocker.Settings.DEFAULT);
        assertThat(new DspChain(some).stageNames()).containsExactly("DcBlocker", "SoftClipper");
    }

    @Test
    void aChainWithEveryStageDisabledIsTheIdentity() {
        short[] pcm = voiceLike(RATE, 0);
        short[] out = Signals.processInFrames(new DspChain(Signals.nothingEnabled(RATE)), pcm, RATE);
        assertThat(out).containsExactly(pcm);
    }

    @Test
    void digitalSilenceStaysSilentAndResetsTheStages() {
        DspChain chain = new DspChain(DspSettings.defaults(RATE));
        short[] speech = voiceLike(RATE, -6);
        short[] first = Signals.processInFrames(chain, speech, RATE);

        short[] silence = new short[160];
        chain.process(silence, 0, 160);
        assertThat(silence).containsOnly((short) 0);

        // After the silent frame the chain behaves exactly like a fresh one.
        short[] again = Signals.processInFrames(chain, speech, RATE);
        assertThat(again).containsExactly(first);
    }

    @Test
    void aLongBufferGivesTheSameResultAsTwentyMillisecondFrames() {
        short[] speech = voiceLike(3 * RATE / 2, -3);
        short[] framed = Signals.processInFrames(new DspChain(DspSettings.defaults(RATE)), speech, RATE);
        short[] whole = speech.clone();
        new DspChain(DspSettings.defaults(RATE)).process(whole, 0, whole.length);
        assertThat(whole).containsExactly(framed);
    }

    @Test
    void theFullChainLevelsLoudAndQuietSpeechAndNeverClips() {
        DspChain chain = new DspChain(DspSettings.defaults(RATE));
        short[] loud = Signals.processInFrames(chain, voiceLike(2 * RATE, 0), RATE);
        chain = new DspChain(DspSettings.defaults(RATE));
        short[] quiet = Signals.processInFrames(chain, voiceLike(2 * RATE, -24), RATE);

        double loudIn = Signals.levelDb(voiceLike(2 * RATE, 0), RATE, 2 * RATE);
        double quietIn = Signals.levelDb(voiceLike(2 * RATE, -24), RATE, 2 * RATE);
        double loudOut = Signals.levelDb(loud, RATE, 2 * RATE);
        double quietOut = Signals.levelDb(quiet, RATE, 2 * RATE);
        assertThat(loudOut - quietOut).as("level spread after the chain").isLessThan((loudIn - quietIn) - 6);
        for (short s : loud) {
            assertThat(Math.abs(s)).isLessThanOrEqualTo(Short.MAX_VALUE);
        }
    }

    @Test
    void processingDoesNotAllocate() {
        DspChain chain = new DspChain(DspSettings.defaults(RATE));
        short[] speech = voiceLike(RATE, -6);
        short[] frame = new short[160];
        long bytes = AllocationProbe.bytesAllocated(20, () -> {
            for (int off = 0; off + 160 <= speech.length; off += 160) {
                System.arraycopy(speech, off, frame, 0, 160);
                chain.process(frame, 0, 160);
            }
        });
        assertThat(bytes).as("bytes for 50 frames").isLessThan(50);
    }
}
