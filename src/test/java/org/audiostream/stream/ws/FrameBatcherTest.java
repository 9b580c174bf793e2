package org.audiostream.stream.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class FrameBatcherTest {

    @Test
    void batchesFramesAsLittleEndianL16() {
        FrameBatcher batcher = new FrameBatcher(8000, 1, 2);
        assertThat(batcher.frameSamples()).isEqualTo(160);
        assertThat(batcher.batchBytes()).isEqualTo(640);
        short[] pcm = new short[200];
        pcm[20] = 0x0102;
        pcm[20 + 159] = (short) 0xFFFE;
        assertThat(batcher.add(pcm, 20)).isFalse();
        assertThat(batcher.length()).isEqualTo(320);
        pcm[20] = -32768;
        assertThat(batcher.add(pcm, 20)).isTrue();
        assertThat(batcher.full()).isTrue();
        byte[] out = batcher.buffer();
        assertThat(batcher.length()).isEqualTo(640);
        assertThat(new byte[] {out[0], out[1], out[318], out[319]}).containsExactly(0x02, 0x01, 0xFE, 0xFF);
        assertThat(new byte[] {out[320], out[321]}).containsExactly(0x00, 0x80);
        batcher.clear();
        assertThat(batcher.length()).isZero();
        assertThat(batcher.full()).isFalse();
    }

    @Test
    void stereoFrameIsInterleavedSamples() {
        FrameBatcher batcher = new FrameBatcher(16000, 2, 1);
        assertThat(batcher.frameSamples()).isEqualTo(640);
        assertThat(batcher.batchBytes()).isEqualTo(1280); // mod_audio_stream §1.3: 1280 B @16k stereo
        assertThat(batcher.add(new short[640], 0)).isTrue();
    }

    @Test
    void addingToAFullBatchIsAWiringBug() {
        FrameBatcher batcher = new FrameBatcher(8000, 1, 1);
        batcher.add(new short[160], 0);
        assertThatThrownBy(() -> batcher.add(new short[160], 0)).isInstanceOf(IllegalStateException.class)
                .hasMessage("FrameBatcher full: frames=1 = framesPerBatch, call clear()");
    }

    @Test
    void rejectsBadShapes() {
        assertThatThrownBy(() -> new FrameBatcher(8001, 1, 1)).hasMessage(
                "FrameBatcher rejected: sampleRate=8001 must be a positive multiple of 50 Hz (20 ms frames)");
        assertThatThrownBy(() -> new FrameBatcher(8000, 3, 1)).hasMessage(
                "FrameBatcher rejected: channels=3 not one of [1, 2]");
        assertThatThrownBy(() -> new FrameBatcher(8000, 1, 0)).hasMessage(
                "FrameBatcher rejected: framesPerBatch=0 out of range 1-50 (20 ms to 1 s)");
    }

    @Test
    void steadyStateAllocatesNothing() {
        FrameBatcher batcher = new FrameBatcher(48000, 2, 5);
        short[] pcm = new short[batcher.frameSamples()];
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) { // warm up
            if (batcher.add(pcm, 0)) {
                batcher.clear();
            }
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            if (batcher.add(pcm, 0)) {
                batcher.clear();
            }
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated by 100k adds").isLessThan(1024);
    }
}
