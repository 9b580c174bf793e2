package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness itself: a gateway that starts, answers its health endpoints and leaves nothing behind. */
class GatewayHarnessIT {

    @Test
    void startsAnswersAndReturnsToBaseline() throws Exception {
        for (int round = 0; round < 3; round++) {
            try (GatewayHarness gw = GatewayHarness.start(Map.of())) {
                assertThat(gw.get("/livez").statusCode()).isEqualTo(200);
                assertThat(gw.get("/v1/health").body()).contains("\"total_sessions_created\":0");
                assertThat(gw.api("uuid_audio_stream 00000000-0000-0000-0000-000000000001 pause"))
                        .startsWith("-ERR no such session");
            }
        }
    }
}
