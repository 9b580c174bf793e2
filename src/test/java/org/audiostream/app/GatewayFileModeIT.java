package org.audiostream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.audiostream.event.Event;
import org.audiostream.testing.PythonWsServer;
import org.audiostream.testing.SippRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Legacy file mode ({@code AUDIO_STREAM_FILE_MODE=true}) through the whole gateway: audio the app
 * sends is written to one file per message in the temp dir, byte for byte, announced by a
 * {@code mod_audio_stream::play} event naming the file, and every file is deleted at hangup.
 */
class GatewayFileModeIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void audioBecomesFilesThatAreAnnouncedAndDeletedAtHangup(@TempDir Path tmp) throws Exception {
        byte[] wav = "RIFF....WAVEfmt fake but opaque".getBytes(StandardCharsets.US_ASCII);
        byte[] raw = new byte[640];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) i;
        }
        String wavMessage = "{\"type\":\"streamAudio\",\"data\":{\"audioDataType\":\"wav\",\"audioData\":\""
                + Base64.getEncoder().encodeToString(wav) + "\"}}";
        String rawMessage = "{\"type\":\"streamAudio\",\"data\":{\"audioDataType\":\"raw\",\"sampleRate\":16000,"
                + "\"audioData\":\"" + Base64.getEncoder().encodeToString(raw) + "\"}}";

        try (PythonWsServer app = PythonWsServer.start("--send", wavMessage, "--send", rawMessage);
             GatewayHarness gw = GatewayHarness.start(
                     Map.of("AUDIO_STREAM_FILE_MODE", "true", "AUDIO_STREAM_TEMP_DIR", tmp.toString()),
                     "routing:\n  - match: { user: \"^service$\" }\n    action: ws\n    start: \"" + app.url("/files")
                             + " mono 8k\"\n")) {
            CompletableFuture<SippRunner.Result> call = CompletableFuture.supplyAsync(() -> SippRunner.run("file-mode",
                    gw.sipAddress(), Duration.ofSeconds(20), "-sn", "uac", "-m", "1", "-d", "3000"));

            Event second = gw.awaitEvent(e -> e.subclass().equals("mod_audio_stream::play") && e.body().contains(".r16"),
                    Duration.ofSeconds(10));
            List<Event> plays = gw.events("mod_audio_stream::play", second.sessionUuid());
            assertThat(plays).hasSize(2);
            JsonNode wavPlay = JSON.readTree(plays.get(0).body());
            JsonNode rawPlay = JSON.readTree(plays.get(1).body());
            assertThat(wavPlay.get("audioDataType").asString()).isEqualTo("wav");
            assertThat(wavPlay.has("audioData")).isFalse();
            assertThat(rawPlay.get("sampleRate").asInt()).isEqualTo(16000);
            Path wavFile = Path.of(wavPlay.get("file").asString());
            Path rawFile = Path.of(rawPlay.get("file").asString());
            assertThat(wavFile.getParent()).isEqualTo(tmp);
            assertThat(wavFile.getFileName().toString()).startsWith(second.sessionUuid() + "_").endsWith(".wav");
            assertThat(rawFile.getFileName().toString()).endsWith(".r16");
            assertThat(Files.readAllBytes(wavFile)).isEqualTo(wav);
            assertThat(Files.readAllBytes(rawFile)).isEqualTo(raw);

            SippRunner.Result r = call.get(30, TimeUnit.SECONDS);
            assertThat(r.successful()).as(r.describe()).isEqualTo(1);
            // Files go when the stream has closed, just after its disconnect event.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                try (var left = Files.list(tmp)) {
                    assertThat(left).isEmpty();
                }
            });
        }
    }
}
