package org.audiostream.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MixModeTest {

    @Test
    void parsesTheApiSpellingsIgnoringCase() {
        assertThat(MixMode.parse("mono")).isEqualTo(MixMode.MONO);
        assertThat(MixMode.parse("MIXED")).isEqualTo(MixMode.MIXED);
        assertThat(MixMode.parse("Stereo")).isEqualTo(MixMode.STEREO);
    }

    @Test
    void reportsChannelsAndApiName() {
        assertThat(MixMode.MONO.channels()).isEqualTo(1);
        assertThat(MixMode.MIXED.channels()).isEqualTo(1);
        assertThat(MixMode.STEREO.channels()).isEqualTo(2);
        assertThat(MixMode.STEREO.apiName()).isEqualTo("stereo");
    }

    @Test
    void rejectsAnythingElseNamingTheValue() {
        assertThatThrownBy(() -> MixMode.parse("quad"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid mix mode: mix=\"quad\" is not one of mono|mixed|stereo");
        assertThatThrownBy(() -> MixMode.parse(" mono"))
                .hasMessage("invalid mix mode: mix=\" mono\" is not one of mono|mixed|stereo");
        assertThatThrownBy(() -> MixMode.parse(""))
                .hasMessage("invalid mix mode: mix=\"\" is not one of mono|mixed|stereo");
        assertThatThrownBy(() -> MixMode.parse(null))
                .hasMessage("invalid mix mode: mix=null is not one of mono|mixed|stereo");
    }
}
