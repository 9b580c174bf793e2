package org.audiostream.call.sip;

import java.util.Locale;
import java.util.Map;

/**
 * Parses one Via value: {@code sent-protocol LWS sent-by *( SEMI via-params )} with SWS around
 * the slashes, colon and separators (RFC 3261 §20.42, §25.1).
 * Threads: stateless; any thread.
 */
final class ViaParser {

    private ViaParser() {
    }

    static Via parse(String value) {
        SipScanner s = new SipScanner(value, SipFailureReason.VIA_INVALID);
        s.skipWs();
        String name = s.token("protocol name");
        s.expect('/', "after protocol name");
        String version = s.token("protocol version");
        s.expect('/', "after protocol version");
        String transport = s.token("transport").toUpperCase(Locale.ROOT);
        int before = s.position();
        s.skipWs();
        if (s.position() == before) {
            throw s.fail("expected whitespace before sent-by but found " + s.describeHere());
        }
        String host = host(s);
        int port = -1;
        if (s.accept(':')) {
            int start = s.position();
            while (!s.atEnd() && Character.isDigit(s.peek())) {
                s.position(s.position() + 1);
            }
            port = SipUriParser.parsePort(value.substring(start, s.position()), SipFailureReason.VIA_INVALID, start);
        }
        Map<String, String> params = s.params("Via");
        if (!s.atEnd()) {
            throw s.fail("unexpected " + s.describeHere() + " in Via");
        }
        if (params.containsKey("branch") && params.get("branch") == null) {
            throw s.fail("branch parameter without value");
        }
        return new Via(name.toUpperCase(Locale.ROOT) + '/' + version, transport, host, port, params);
    }

    private static String host(SipScanner s) {
        String text = s.text();
        int start = s.position();
        if (s.peek() == '[') {
            int close = text.indexOf(']', start);
            if (close < 0 || !SipUriParser.isIpv6(text.substring(start + 1, close))) {
                throw s.fail("bad IPv6 reference in sent-by");
            }
            s.position(close + 1);
            return text.substring(start, close + 1);
        }
        int end = start;
        while (end < text.length() && ";:, \t".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        String host = text.substring(start, end);
        if (!SipUriParser.isHostname(host)) {
            throw s.fail("bad sent-by host '" + host + "'");
        }
        s.position(end);
        return host;
    }
}
