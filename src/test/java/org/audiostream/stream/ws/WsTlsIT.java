package org.audiostream.stream.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.audiostream.testing.PythonWsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * wss against python3-websockets with certificates made by openssl for this run: a test CA, a server
 * certificate for localhost/127.0.0.1, one for another host name, and a client certificate for mutual TLS.
 */
class WsTlsIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path dir;

    private final WsTestHarness harness = new WsTestHarness();

    @BeforeAll
    static void makeCertificates() throws Exception {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                "-subj", "/CN=audio-stream test CA", "-keyout", "ca.key", "-out", "ca.pem");
        issue("server", "localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1");
        issue("other", "other.example", "subjectAltName=DNS:other.example");
        issue("client", "audio-stream client", "extendedKeyUsage=clientAuth");
    }

    private static void issue(String name, String cn, String extension) throws Exception {
        Files.writeString(dir.resolve(name + ".ext"), extension + "\n");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=" + cn,
                "-keyout", name + ".key", "-out", name + ".csr");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", name + ".ext", "-out", name + ".pem");
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("openssl %s: %s", command, output).isZero();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        harness.close();
    }

    private PythonWsServer server(String cert, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--tls-cert", dir.resolve(cert + ".pem").toString(), "--tls-key",
                dir.resolve(cert + ".key").toString()));
        args.addAll(List.of(more));
        return harness.server(args.toArray(String[]::new));
    }

    private RecordingListener run(PythonWsServer server, String host, TlsSettings tls) {
        RecordingListener events = new RecordingListener();
        WsClientConfig config = WsClientConfig.builder(WsUrl.parse("wss://" + host + ":" + server.port() + "/tls"))
                .metadata("meta").tls(tls).build();
        WsStreamClient client = harness.client(config, events);
        client.connect();
        events.awaitCall("", WAIT); // the first outcome: connected or error
        return events;
    }

    private static TlsSettings caFile(boolean verifyHostname) {
        return TlsSettings.of(dir.resolve("ca.pem").toString(), null, null, verifyHostname);
    }

    @Test
    void caFileTrustConnects() throws Exception {
        PythonWsServer server = server("server");
        RecordingListener events = run(server, "localhost", caFile(true));
        assertThat(events.calls).containsExactly("connected");
        server.await(e -> e.get("event").asString().equals("frame"), WAIT);
        assertThat(server.frames(1).get(0).get("text").asString()).isEqualTo("meta");
    }

    @Test
    void ipLiteralMatchesTheIpSubjectAltName() throws Exception {
        PythonWsServer server = server("server");
        assertThat(run(server, "127.0.0.1", caFile(true)).calls).containsExactly("connected");
    }

    @Test
    void systemTrustRejectsTheTestCa() throws Exception {
        PythonWsServer server = server("server");
        RecordingListener events = run(server, "localhost", TlsSettings.of("SYSTEM", null, null, true));
        assertThat(events.calls.get(0)).startsWith("error 8 WS TLS handshake failed: ");
    }

    @Test
    void noneTrustAcceptsAnyCertificate() throws Exception {
        PythonWsServer server = server("other");
        assertThat(run(server, "localhost", TlsSettings.of("NONE", null, null, true)).calls)
                .containsExactly("connected");
    }

    @Test
    void hostNameMismatchFailsUnlessHostNameCheckIsDisabled() throws Exception {
        PythonWsServer server = server("other");
        RecordingListener checked = run(server, "localhost", caFile(true));
        assertThat(checked.calls.get(0)).startsWith("error 8 WS TLS handshake failed: ")
                .contains("localhost");
        assertThat(run(server, "localhost", caFile(false)).calls).containsExactly("connected");
    }

    @Test
    void mutualTlsNeedsTheClientCertificate() throws Exception {
        PythonWsServer server = server("server", "--tls-client-ca", dir.resolve("ca.pem").toString());
        RecordingListener anonymous = run(server, "localhost", caFile(true));
        // TLS 1.3: the server's refusal may arrive during or just after the client's handshake
        assertThat(anonymous.calls.get(0)).matches("error (1|8|9) .*");
        TlsSettings withCert = TlsSettings.of(dir.resolve("ca.pem").toString(), dir.resolve("client.pem"),
                dir.resolve("client.key"), true);
        assertThat(run(server, "localhost", withCert).calls).containsExactly("connected");
    }

    @Test
    void unreadableCaFileIsATlsInitErrorWithoutAnyConnection() throws Exception {
        PythonWsServer server = server("server");
        RecordingListener events = run(server, "localhost", TlsSettings.of("/nonexistent/ca.pem", null, null, true));
        assertThat(events.calls.get(0)).isEqualTo("error 7 WS TLS setup failed: caFile=/nonexistent/ca.pem does not"
                + " exist or is not readable (url=wss://localhost:" + server.port() + "/tls)");
        Thread.sleep(100);
        assertThat(server.events("connect")).isEmpty();
    }
}
