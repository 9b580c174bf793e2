package org.audiostream.stream.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WsUrlTest {

    @Test
    void parsesAllParts() {
        WsUrl url = WsUrl.parse("WSS://App.Example.com:8443/v1/stream?call=42&x=%20");
        assertThat(url).isEqualTo(new WsUrl("wss", "app.example.com", 8443, "/v1/stream?call=42&x=%20"));
        assertThat(url.secure()).isTrue();
        assertThat(url.toString()).isEqualTo("wss://app.example.com:8443/v1/stream?call=42&x=%20");
        assertThat(url.targetKey()).isEqualTo("wss://app.example.com:8443");
        assertThat(url.toUri().getRawQuery()).isEqualTo("call=42&x=%20");
    }

    @Test
    void defaultsPortAndPath() {
        assertThat(WsUrl.parse("ws://h")).isEqualTo(new WsUrl("ws", "h", 80, "/"));
        assertThat(WsUrl.parse("wss://h?q=1")).isEqualTo(new WsUrl("wss", "h", 443, "/?q=1"));
        assertThat(WsUrl.parse("ws://h:80/a").toString()).isEqualTo("ws://h/a");
        assertThat(WsUrl.parse("ws://h/a?x").targetKey()).isEqualTo("ws://h:80");
        assertThat(WsUrl.parse("ws://h/call/1").targetKey()).as("one breaker per server, whatever the path")
                .isEqualTo(WsUrl.parse("ws://H:80/call/2?x=1").targetKey());
    }

    @Test
    void acceptsIpLiterals() {
        assertThat(WsUrl.parse("ws://127.0.0.1:9000/x").socketHost()).isEqualTo("127.0.0.1");
        WsUrl v6 = WsUrl.parse("ws://[::1]:9000/x");
        assertThat(v6.host()).isEqualTo("[::1]");
        assertThat(v6.socketHost()).isEqualTo("::1");
        assertThat(v6.toString()).isEqualTo("ws://[::1]:9000/x");
        assertThat(WsUrl.parse("wss://[2001:DB8::1]").host()).isEqualTo("[2001:db8::1]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "''|WS URL rejected: url is empty",
        "http://h/x|WS URL rejected: scheme=\"http\" not one of [ws, wss] (url=http://h/x)",
        "h/x|WS URL rejected: missing scheme, expected ws:// or wss:// (url=h/x)",
        "ws://user:pw@h/x|WS URL rejected: user info not allowed in the authority \"user:pw@h\" (url=ws://user:pw@h/x)",
        "ws://h/x#frag|WS URL rejected: fragment not allowed (RFC 6455 §3) (url=ws://h/x#frag)",
        "ws:///x|WS URL rejected: host is empty (url=ws:///x)",
        "ws://my_host/x|WS URL rejected: host character \"_\" (U+005F) not allowed, host may use [A-Za-z0-9.-] (url=ws://my_host/x)",
        "ws://a..b/x|WS URL rejected: host=\"a..b\" has a label of length 0, labels must be 1-63 characters (url=ws://a..b/x)",
        "ws://-a.b/x|WS URL rejected: host=\"-a.b\" has a label starting or ending with '-' (url=ws://-a.b/x)",
        "ws://999.1.1.1/x|WS URL rejected: host=\"999.1.1.1\" is not a valid IPv4 literal (url=ws://999.1.1.1/x)",
        "ws://[::1/x|WS URL rejected: unclosed '[' in IPv6 host \"[::1\" (url=ws://[::1/x)",
        "ws://[::g]/x|WS URL rejected: host=\"[::g]\" is not a valid IPv6 literal (url=ws://[::g]/x)",
        "ws://[::1]x/y|WS URL rejected: unexpected \"x\" after IPv6 host [::1] (url=ws://[::1]x/y)",
        "ws://h:/x|WS URL rejected: port is empty after ':' (url=ws://h:/x)",
        "ws://h:0/x|WS URL rejected: port=0 out of range 1-65535 (url=ws://h:0/x)",
        "ws://h:65536/x|WS URL rejected: port=65536 out of range 1-65535 (url=ws://h:65536/x)",
        "ws://h:80a/x|WS URL rejected: port=\"80a\" is not a number in 1-65535 (url=ws://h:80a/x)",
        "ws://h/a b|WS URL rejected: character U+0020 at index 8 of the path must be percent-encoded (url=ws://h/a b)",
        "ws://h/é|WS URL rejected: character U+00E9 at index 7 of the path must be percent-encoded (url=ws://h/é)",
        "ws://h/a{b}|WS URL rejected: path or query is not a valid URI: Illegal character in path at index 8 (url=ws://h/a{b})",
    })
    void rejectsWithPreciseReason(String url, String message) {
        assertThatThrownBy(() -> WsUrl.parse(url)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void lengthLimit() {
        String base = "ws://h/";
        String atLimit = base + "a".repeat(WsUrl.MAX_LENGTH - base.length());
        assertThat(WsUrl.parse(atLimit).pathAndQuery().length()).isEqualTo(WsUrl.MAX_LENGTH - 6);
        assertThatThrownBy(() -> WsUrl.parse(atLimit + "a"))
                .hasMessage("WS URL rejected: length=4097 > 4096 characters (url starts \"ws://h/" + "a".repeat(33)
                        + "\"...)");
    }
}
