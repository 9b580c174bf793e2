package org.audiostream.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChannelMixerTest {

    private static final short[] CALLER = {1, -2, 30000, -30000, 32767, -32768};
    private static final short[] PLAYED = {10, 20, 5000, -5000, 1, -1};

    @Test
    void monoCopiesTheCallerOnly() {
        short[] out = new short[6];
        int written = new ChannelMixer(MixMode.MONO).mix(CALLER, null, 6, out);
        assertThat(written).isEqualTo(6);
        assertThat(out).containsExactly(CALLER);
    }

    @Test
    void mixedSumsWithSaturation() {
        short[] out = new short[6];
        int written = new ChannelMixer(MixMode.MIXED).mix(CALLER, PLAYED, 6, out);
        assertThat(written).isEqualTo(6);
        assertThat(out).containsExactly(11, -2 + 20, 32767, -32768, 32767, -32768);
    }

    @Test
    void stereoInterleavesCallerLeftAndPlayedRight() {
        short[] out = new short[12];
        int written = new ChannelMixer(MixMode.STEREO).mix(CALLER, PLAYED, 6, out);
        assertThat(written).isEqualTo(12);
        assertThat(out).containsExactly(1, 10, -2, 20, 30000, 5000, -30000, -5000, 32767, 1, -32768, -1);
    }

    @Test
    void stereoIsSafeInPlaceOnEitherInput() {
        short[] caller = new short[12];
        System.arraycopy(CALLER, 0, caller, 0, 6);
        new ChannelMixer(MixMode.STEREO).mix(caller, PLAYED, 6, caller);
        assertThat(caller).containsExactly(1, 10, -2, 20, 30000, 5000, -30000, -5000, 32767, 1, -32768, -1);

        short[] played = new short[12];
        System.arraycopy(PLAYED, 0, played, 0, 6);
        new ChannelMixer(MixMode.STEREO).mix(CALLER, played, 6, played);
        assertThat(played).containsExactly(1, 10, -2, 20, 30000, 5000, -30000, -5000, 32767, 1, -32768, -1);
    }

    @Test
    void mixedIsSafeInPlace() {
        short[] caller = CALLER.clone();
        new ChannelMixer(MixMode.MIXED).mix(caller, PLAYED, 6, caller);
        assertThat(caller).containsExactly(11, 18, 32767, -32768, 32767, -32768);
    }

    @Test
    void onlyTheRequestedFrameIsTouched() {
        short[] out = {7, 7, 7, 7, 7, 7, 7, 7};
        new ChannelMixer(MixMode.STEREO).mix(CALLER, PLAYED, 3, out);
        assertThat(out).containsExactly(1, 10, -2, 20, 30000, 5000, 7, 7);
    }

    @Test
    void rejectsShortArraysNamingTheArray() {
        ChannelMixer stereo = new ChannelMixer(MixMode.STEREO);
        assertThatThrownBy(() -> stereo.mix(CALLER, PLAYED, 6, new short[11]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("channel mix rejected: out.length=11 < needed=12 (mode=stereo)");
        assertThatThrownBy(() -> new ChannelMixer(MixMode.MIXED).mix(CALLER, null, 6, new short[6]))
                .hasMessage("channel mix rejected: played.length=0 < needed=6 (mode=mixed)");
        assertThatThrownBy(() -> new ChannelMixer(MixMode.MONO).mix(new short[5], null, 6, new short[6]))
                .hasMessage("channel mix rejected: caller.length=5 < needed=6 (mode=mono)");
    }

    @Test
    void mixingDoesNotAllocate() {
        short[] caller = new short[160];
        short[] played = new short[160];
        short[] out = new short[320];
        for (MixMode mode : MixMode.values()) {
            ChannelMixer mixer = new ChannelMixer(mode);
            long bytes = AllocationProbe.bytesAllocated(20, () -> {
                for (int i = 0; i < 1000; i++) {
                    mixer.mix(caller, played, 160, out);
                }
            });
            assertThat(bytes).as("bytes for 1000 frames, mode %s", mode).isLessThan(1000);
        }
    }
}
