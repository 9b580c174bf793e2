package org.audiostream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetAllowListTest {

    private static boolean allows(String list, String scheme, String host, int port, String path) {
        return TargetAllowList.parse(list).allows(scheme, host, port, path);
    }

    @Test
    void aBareHostAllowsEverySchemePortAndPathOnThatHostOnly() {
        assertThat(allows("app.example.com", "wss", "app.example.com", 443, "/x?y")).isTrue();
        assertThat(allows("app.example.com", "ws", "APP.example.com", 9000, "/")).isTrue();
        assertThat(allows("app.example.com", "wss", "app.example.com.evil.net", 443, "/")).isFalse();
        assertThat(allows("app.example.com", "wss", "evilapp.example.com", 443, "/")).isFalse();
    }

    @Test
    void schemePortAndPathNarrowAnEntry() {
        String list = "wss://app.example.com:8443/stream";
        assertThat(allows(list, "wss", "app.example.com", 8443, "/stream")).isTrue();
        assertThat(allows(list, "wss", "app.example.com", 8443, "/stream/abc?call=1")).isTrue();
        assertThat(allows(list, "wss", "app.example.com", 8443, "/stream?call=1")).isTrue();
        assertThat(allows(list, "ws", "app.example.com", 8443, "/stream")).as("other scheme").isFalse();
        assertThat(allows(list, "wss", "app.example.com", 443, "/stream")).as("other port").isFalse();
        assertThat(allows(list, "wss", "app.example.com", 8443, "/streaming")).as("longer name").isFalse();
        assertThat(allows(list, "wss", "app.example.com", 8443, "/other")).isFalse();
    }

    @Test
    void dotSegmentsNeverMatchAPathPrefix() {
        String list = "wss://app.example.com/stream/";
        assertThat(allows(list, "wss", "app.example.com", 443, "/stream/ok")).isTrue();
        assertThat(allows(list, "wss", "app.example.com", 443, "/stream/../admin")).isFalse();
        assertThat(allows(list, "wss", "app.example.com", 443, "/stream/%2E%2E/admin")).isFalse();
        assertThat(allows(list, "wss", "app.example.com", 443, "/stream/..%2fadmin")).isFalse();
    }

    @Test
    void wildcardsCoverSubdomainsOrEverything() {
        assertThat(allows("*.example.com", "wss", "a.b.example.com", 443, "/")).isTrue();
        assertThat(allows("*.example.com", "wss", "example.com", 443, "/")).isFalse();
        assertThat(allows("*.example.com", "wss", "badexample.com", 443, "/")).isFalse();
        assertThat(allows("*", "ws", "anything.anywhere", 1, "/")).isTrue();
        assertThat(TargetAllowList.parse("*").allowsEverything()).isTrue();
        assertThat(allows("none", "ws", "127.0.0.1", 80, "/")).isFalse();
    }

    @Test
    void ipv6LiteralsAreWrittenWithBrackets() {
        assertThat(allows("[::1]", "ws", "[::1]", 9000, "/")).isTrue();
        assertThat(allows("ws://[::1]:9000", "ws", "[::1]", 9000, "/")).isTrue();
        assertThat(allows("ws://[::1]:9000", "ws", "[::1]", 9001, "/")).isFalse();
    }

    @Test
    void badEntriesAreNamed() {
        assertThatThrownBy(() -> TargetAllowList.parse("http://app")).hasMessageContaining("\"http://app\": scheme must be ws or wss");
        assertThatThrownBy(() -> TargetAllowList.parse("app:0")).hasMessageContaining("port must be 1-65535");
        assertThatThrownBy(() -> TargetAllowList.parse("a*.example.com")).hasMessageContaining("host must be");
        assertThatThrownBy(() -> TargetAllowList.parse("app/x/../y")).hasMessageContaining("no dot segments");
    }

    @Test
    void theDefaultAllowsOnlyThisMachineAndWarnsAboutEverything() {
        Resolution defaults = ConfigLoader.load(Schema.ALL, null, Map.of(), Map.of(), "test");
        TargetAllowList allowed = defaults.orThrow().get(StreamSettings.ALLOWED_TARGETS, TargetAllowList.class);
        assertThat(allowed.allows("ws", "127.0.0.1", 9000, "/")).isTrue();
        assertThat(allowed.allows("ws", "localhost", 9000, "/")).isTrue();
        assertThat(allowed.allows("ws", "[::1]", 9000, "/")).isTrue();
        assertThat(allowed.allows("ws", "10.0.0.5", 9000, "/")).isFalse();
        assertThat(defaults.warnings()).isEmpty();

        Resolution open = ConfigLoader.load(Schema.ALL, null, Map.of("AUDIO_STREAM_ALLOWED_TARGETS", "*"), Map.of(), "test");
        assertThat(open.warnings()).extracting(ConfigProblem::message)
                .containsExactly("AUDIO_STREAM_ALLOWED_TARGETS=* lets every start stream call audio to any host; list your apps instead");
    }
}
