package org.audiostream.stream.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.audiostream.config.StreamSettings;
import org.junit.jupiter.api.Test;

class WsProtocolTest {

    @Test
    void theProtocolSettingListsEveryDialectAndDefaultsToModAudioStream() {
        assertThat(StreamSettings.PROTOCOL.type().expected()).isEqualTo("one of " + Arrays.toString(WsProtocol.labels()));
        assertThat(StreamSettings.PROTOCOL.defaultValue()).isEqualTo(WsProtocol.MOD_AUDIO_STREAM.label());
    }

    @Test
    void parsesLabelsIgnoringCaseAndRefusesOthers() {
        assertThat(WsProtocol.parse(" TWILIO ")).isEqualTo(WsProtocol.TWILIO);
        assertThat(WsProtocol.parse("mod_audio_stream")).isEqualTo(WsProtocol.MOD_AUDIO_STREAM);
        assertThatThrownBy(() -> WsProtocol.parse("plivo"))
                .hasMessage("protocol=\"plivo\" not one of [mod_audio_stream, twilio]");
    }

    @Test
    void onlyTwilioFixesTheRate() {
        assertThat(WsProtocol.TWILIO.fixedRate()).isEqualTo(8000);
        assertThat(WsProtocol.MOD_AUDIO_STREAM.fixedRate()).isZero();
    }
}
