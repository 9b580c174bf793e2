package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The capture path end to end, for every mix and stream rate: a real call whose caller says a 440 Hz tone is
 * parked, streaming is started over {@code POST /api}, and the app (python3-websockets) receives the
 * metadata first, then binary L16 frames of exactly 20 ms x {@code AUDIO_STREAM_RTP_PACKETS} x rate x
 * channels x 2 bytes, about 50 / N per second, holding the caller's tone (stereo: on the left only, the
 * right being what is played to the caller, here nothing); {@code stop} ends it with a 1000 close.
 */
class WsStreamingIT extends SharedGatewayAndApp {

    /** How much audio each case collects before stopping. */
    private static final int STREAM_MS = 1200;
    private static final short[] CALLER_TONE = TestAudio.sine(8000, 440, 20_000, 8000);

    @Override
    protected String[] appArgs() {
        return new String[] {"--levels"};
    }

    /** Every mix with every rate (in the API's words and in Hz), with 1, 2 or 3 packets per frame. */
    static Stream<Arguments> mixesAndRates() {
        List<Arguments> cases = new ArrayList<>();
        String[] rates = {"8k", "16000", "24k", "32000", "48k"};
        int n = 0;
        for (String mix : new String[] {"mono", "mixed", "stereo"}) {
            for (String rate : rates) {
                cases.add(Arguments.of(mix, rate, 1 + n++ % 3));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}, {2} x 20 ms")
    @MethodSource("mixesAndRates")
    void streamsMetadataFirstThenFramesOfTheExactSize(String mix, String rateArg, int rtpPackets) {
        int rate = rateArg.endsWith("k") ? Integer.parseInt(rateArg.replace("k", "")) * 1000 : Integer.parseInt(rateArg);
        int channels = mix.equals("stereo") ? 2 : 1;
        String path = "/" + mix + "/" + rate;
        String metadata = "{\"mix\":\"" + mix + "\",\"rate\":" + rate + ",\"note\":\"spaces are kept\"}";
        try (TestCall call = TestCall.place(gw, "stream", Map.of("X-AUDIO_STREAM_RTP_PACKETS", "" + rtpPackets),
                CALLER_TONE)) {
            String uuid = call.uuid();
            assertThat(gw.api("uuid_audio_stream " + uuid + " start " + app.url(path) + " " + mix + " " + rateArg + " "
                    + metadata)).isEqualTo(GatewayHarness.OK);
            int conn = AppFrames.awaitConnection(app, path);
            gw.awaitEvent("mod_audio_stream::connect", uuid, AppFrames.WAIT);
            AppFrames.awaitBinary(app, conn, STREAM_MS / (20 * rtpPackets));
            assertThat(gw.api("uuid_audio_stream " + uuid + " stop")).isEqualTo(GatewayHarness.OK);
            assertThat(AppFrames.awaitClosed(app, conn).get("code").asInt()).as("close code").isEqualTo(1000);

            AppFrames.assertMetadataFirstThenFramesOf(app, conn, metadata,
                    AppFrames.frameBytes(rate, channels, rtpPackets));
            List<JsonNode> binary = AppFrames.binary(app, conn);
            assertThat(AppFrames.framesPerSecond(binary)).as("binary frames per second")
                    .isCloseTo(50.0 / rtpPackets, within(12.5 / rtpPackets));
            assertCallerToneIn(binary.subList(binary.size() / 2, binary.size()), mix);
            assertThat(gw.awaitEvent("mod_audio_stream::disconnect", uuid, AppFrames.WAIT).body())
                    .isEqualTo("{\"status\":\"disconnected\",\"message\":{\"code\":1000,\"reason\":\"Normal closure\"}}");
            assertThat(gw.events("mod_audio_stream::disconnect", uuid)).as("disconnect events").hasSize(1);
            assertThat(gw.events("mod_audio_stream::error", uuid)).as("error events").isEmpty();
            assertThat(call.hangUp().endedByGateway()).isFalse();
        }
    }

    /**
     * Caller tone RMS is 8000 / sqrt 2 (5657); what is played to the caller is silence. A frame the jitter
     * buffer had to conceal (a late packet on a busy machine) may be quieter, so 90 % must hold the tone.
     */
    private static void assertCallerToneIn(List<JsonNode> frames, String mix) {
        boolean stereo = mix.equals("stereo");
        List<Double> callerRms = frames.stream().map(f -> stereo ? f.get("rms_even").asDouble()
                : Math.min(f.get("rms_even").asDouble(), f.get("rms_odd").asDouble())).toList();
        assertThat(callerRms.stream().filter(rms -> rms > 3000).count())
                .as("%s frames holding the caller's tone (RMS > 3000) of %s", mix, callerRms)
                .isGreaterThanOrEqualTo(Math.round(0.9 * frames.size()));
        if (stereo) {
            assertThat(frames).allSatisfy(f -> assertThat(f.get("rms_odd").asDouble())
                    .as("right (played to the caller) RMS of a stereo frame").isLessThan(5));
        }
    }
}
