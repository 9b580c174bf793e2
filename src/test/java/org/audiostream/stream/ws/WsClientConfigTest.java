package org.audiostream.stream.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.core.IntervalFunction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WsClientConfigTest {

    private static final WsUrl URL = WsUrl.parse("ws://h/x");

    @Test
    void defaults() {
        WsClientConfig c = WsClientConfig.builder(URL).build();
        assertThat(c.metadata()).isNull();
        assertThat(c.deflate()).isTrue();
        assertThat(c.heartbeatEnabled()).isFalse();
        assertThat(c.reconnectMax()).isZero();
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.sendQueueFrames()).isEqualTo(64);
        assertThat(c.tls()).isEqualTo(TlsSettings.DEFAULT);
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @Test
    void defaultBackoffDoublesFromHalfASecondToEightWithJitterEvenAtTheCap() {
        IntervalFunction backoff = WsClientConfig.builder(URL).build().reconnectBackoff();
        long[][] bounds = {{1, 400, 600}, {2, 800, 1200}, {4, 3200, 4800}, {5, 6400, 9600}, {9, 6400, 9600}};
        for (long[] b : bounds) {
            long min = Long.MAX_VALUE;
            long max = 0;
            for (int i = 0; i < 2000; i++) {
                long v = backoff.apply((int) b[0]);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertThat(min).as("attempt %d min", b[0]).isBetween(b[1], b[1] + 100);
            assertThat(max).as("attempt %d max", b[0]).isBetween(b[2] - 100, b[2]);
        }
    }

    @Test
    void validationNamesTheField() {
        assertThatThrownBy(() -> WsClientConfig.builder(URL).reconnectMax(101).build())
                .hasMessage("WS config rejected: reconnectMax=101 out of range 0-100 (url=ws://h/x)");
        assertThatThrownBy(() -> WsClientConfig.builder(URL).connectTimeout(Duration.ZERO).build())
                .hasMessage("WS config rejected: connectTimeout=PT0S must be > 0 (url=ws://h/x)");
        assertThatThrownBy(() -> WsClientConfig.builder(URL).metadata("é".repeat(4097)).build())
                .hasMessage("WS config rejected: metadata length=8194 bytes > 8192 (url=ws://h/x)");
        assertThatThrownBy(() -> WsClientConfig.builder(URL).extraHeaders(Map.of("X-A", "a\r\nb")).build())
                .hasMessage("STREAM_EXTRA_HEADERS rejected: header \"X-A\" value has control character U+000D at index 1");
        assertThatThrownBy(() -> WsClientConfig.exponentialJitterBackoff(0, 10, 0.2))
                .hasMessage("backoff rejected: initialMillis=0 capMillis=10 jitter=0.2 (need 1 <= initial <= cap,"
                        + " 0 <= jitter < 1)");
    }

    @Test
    void extraHeaders() {
        assertThat(ExtraHeaders.parse(null)).isEmpty();
        assertThat(ExtraHeaders.parse(" ")).isEmpty();
        assertThat(ExtraHeaders.parse("{\"Authorization\":\"Bearer x\",\"X-N\":7,\"X-B\":true}"))
                .containsExactly(Map.entry("Authorization", "Bearer x"), Map.entry("X-N", "7"), Map.entry("X-B", "true"));
        assertThatThrownBy(() -> ExtraHeaders.parse("{\"a\":")).hasMessageStartingWith(
                "STREAM_EXTRA_HEADERS rejected: invalid JSON: Unexpected end-of-input");
        assertThatThrownBy(() -> ExtraHeaders.parse("[1]"))
                .hasMessage("STREAM_EXTRA_HEADERS rejected: expected a JSON object, got array");
        assertThatThrownBy(() -> ExtraHeaders.parse("{\"X\":{\"y\":1}}")).hasMessage(
                "STREAM_EXTRA_HEADERS rejected: header \"X\" has a value of type object, expected a string, number or boolean");
        assertThatThrownBy(() -> ExtraHeaders.parse("{\"Bad Name\":\"v\"}")).hasMessage(
                "STREAM_EXTRA_HEADERS rejected: header name \"Bad Name\" has character U+0020 at index 3, not an"
                        + " RFC 9110 token character");
    }

    @Test
    void tlsSettingsFromVariables() {
        assertThat(TlsSettings.of(null, null, null, true)).isEqualTo(TlsSettings.DEFAULT);
        assertThat(TlsSettings.of("system", null, null, true).trust()).isEqualTo(TlsSettings.Trust.SYSTEM);
        assertThat(TlsSettings.of("NONE", null, null, false).trust()).isEqualTo(TlsSettings.Trust.NONE);
        TlsSettings ca = TlsSettings.of("/etc/ca.pem", Path.of("/c.pem"), Path.of("/c.key"), true);
        assertThat(ca.trust()).isEqualTo(TlsSettings.Trust.CA_FILE);
        assertThat(ca.caFile()).isEqualTo(Path.of("/etc/ca.pem"));
        assertThat(ca.mutual()).isTrue();
        assertThatThrownBy(() -> TlsSettings.of("SYSTEM", Path.of("/c.pem"), null, true)).hasMessage(
                "TLS settings rejected: client certificate and key go together (cert=/c.pem, key=null)");
    }
}
