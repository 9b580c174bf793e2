package org.audiostream.stream.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.audiostream.stream.ws.EventBodies.MarkEvent;
import org.junit.jupiter.api.Test;

class EventBodiesTest {

    @Test
    void connectDisconnectError() {
        assertThat(EventBodies.CONNECTED).isEqualTo("{\"status\":\"connected\"}");
        assertThat(EventBodies.disconnected(1000, "Normal closure"))
                .isEqualTo("{\"status\":\"disconnected\",\"message\":{\"code\":1000,\"reason\":\"Normal closure\"}}");
        assertThat(EventBodies.error(6, "connect failed: \"refused\""))
                .isEqualTo("{\"status\":\"error\",\"message\":{\"code\":6,\"error\":\"connect failed: \\\"refused\\\"\"}}");
    }

    @Test
    void playBodiesEchoDataAndAddBytesOrFile() {
        String data = new StreamAudioDecoder(100, false).decode(
                "{\"type\":\"streamAudio\",\"data\":{\"audioDataType\":\"raw\",\"sampleRate\":8000,\"audioData\":\"AQI=\","
                        + "\"seq\":9}}") instanceof StreamAudioMessage.Audio a ? a.dataJson() : null;
        assertThat(EventBodies.playInjected(data, 2))
                .isEqualTo("{\"audioDataType\":\"raw\",\"sampleRate\":8000,\"seq\":9,\"bytes\":2}");
        assertThat(EventBodies.playFile("{\"audioDataType\":\"wav\"}", "/tmp/u_0.tmp.wav"))
                .isEqualTo("{\"audioDataType\":\"wav\",\"file\":\"/tmp/u_0.tmp.wav\"}");
        assertThat(EventBodies.playInjected("{}", 0)).isEqualTo("{\"bytes\":0}");
        assertThat(EventBodies.PLAY_CLEARED).isEqualTo("{}");
    }

    @Test
    void markAcknowledgements() {
        assertThat(EventBodies.markAck("x", MarkEvent.PLAYOUT))
                .isEqualTo("{\"type\":\"mark\",\"data\":{\"name\":\"x\",\"event\":\"playout\"}}");
        assertThat(EventBodies.markAck("q\"1", MarkEvent.CLEARED))
                .isEqualTo("{\"type\":\"mark\",\"data\":{\"name\":\"q\\\"1\",\"event\":\"cleared\"}}");
    }
}
