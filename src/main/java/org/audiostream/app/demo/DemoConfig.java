package org.audiostream.app.demo;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.audiostream.config.ConfigLoader;
import org.audiostream.config.Resolution;
import org.audiostream.config.Schema;

/**
 * The demo's settings: the built-in defaults, with SIP and the admin HTTP API on free loopback
 * ports, and two routing rules: calls to {@code sip:echo@…} stream to the demo app, calls to {@code sip:ai@…}
 * talk to the AI assistant. They go
 * through a temporary YAML file because routing rules live in the config file; the environment
 * still overrides the file ({@code AUDIO_STREAM_SIP_BIND=0.0.0.0:5060} takes calls from the network).
 * Threads: stateless.
 */
final class DemoConfig {

    /** Calls to this request-URI user stream to the demo app by the routing rule. */
    static final String ECHO_USER = "echo";
    /** Calls to this request-URI user talk to the AI assistant by the routing rule. */
    static final String AI_USER = "ai";
    private static final int PORT_ATTEMPTS = 20;

    private DemoConfig() {
    }

    /** Writes the config file; the caller deletes it once the gateway has started. */
    static Path write(String echoStartArgs) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        String host = loopback.getHostAddress();
        String yaml = "sip:\n"
                + "  bind: " + host + ":" + freeUdpAndTcpPort(loopback) + "\n"
                + "http:\n"
                + "  bind: " + host + ":" + freeTcpPort(loopback) + "\n"
                + "routing:\n"
                + "  - name: demo-echo\n"
                + "    match: { user: \"^" + ECHO_USER + "$\" }\n"
                + "    action: ws\n"
                + "    start: '" + echoStartArgs.replace("'", "''") + "'\n"
                + "  - name: demo-ai\n"
                + "    match: { user: \"^" + AI_USER + "$\" }\n"
                + "    action: ai\n";
        Path file = Files.createTempFile("audio-stream-demo-", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    static Resolution load(Path file, Map<String, String> env) {
        return ConfigLoader.load(Schema.ALL, file, env, Map.of(), "demo");
    }

    /** A port free for both UDP and TCP (SIP listens on both), released again for the gateway to bind. */
    private static int freeUdpAndTcpPort(InetAddress host) throws IOException {
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(host, 0));
                 ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(host, udp.getLocalPort()));
                return udp.getLocalPort();
            } catch (BindException takenForTcp) {
                // try another UDP port
            }
        }
        throw new IOException("no free SIP port: attempts=" + PORT_ATTEMPTS + " found none free for both UDP and TCP on " + host);
    }

    private static int freeTcpPort(InetAddress host) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, host)) {
            return s.getLocalPort();
        }
    }
}
