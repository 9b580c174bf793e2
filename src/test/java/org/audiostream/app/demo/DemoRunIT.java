package org.audiostream.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.audiostream.call.sip.SipTimers;
import org.audiostream.media.WavFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo end to end in-process: the demo call (X-AUDIO_STREAM_START header) hears its prompt
 * come back through the gateway and the echo app; in the serving phase a call to
 * {@code sip:echo@} streams by routing rule and any other call is parked; afterwards every thread
 * and port is released.
 */
class DemoRunIT {

    private static final int ECHO_DELAY_MS = 500;
    /**
     * What the gateway may add to the echo app's delay: the jitter buffer (40 ms at first, adapting up to
     * 200 ms when the machine is busy), the 60 ms inject prebuffer and two 20 ms clock ticks. Measured
     * on an idle machine: 120-185 ms.
     */
    private static final int GATEWAY_MAX_MS = 300;

    @Test
    void theCallerHearsItsPromptBackAndEverythingIsReleased(@TempDir Path dir) throws Exception {
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        short[] prompt = prompt();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        DemoRun.Report report;
        DemoCallResult routed;
        DemoCallResult parked;
        InetSocketAddress sip;
        InetSocketAddress http;
        int appPort;

        try (DemoRun demo = DemoRun.start(new DemoRun.Options(dir.resolve("out"), ECHO_DELAY_MS, Duration.ofMillis(1500),
                Map.of(), out, false))) {
            sip = demo.sipAddress();
            http = demo.httpAddress();
            appPort = Integer.parseInt(demo.appUrl().replaceAll("^ws://[^:]+:(\\d+)/$", "$1"));
            report = demo.callOnce();
            demo.printServingHelp();

            short[] firstWords = Arrays.copyOf(prompt, 12_800);
            routed = DemoCaller.call(new DemoCaller.Settings(sip, DemoConfig.ECHO_USER, List.of(), firstWords,
                    Duration.ofMillis(1000), SipTimers.DEFAULT), callId -> { });
            EchoAnalysis.Echo routedEcho = EchoAnalysis.locate(firstWords, routed.heard(), 12_000);
            assertThat(routedEcho.correlation()).as("echo of the call routed by rule").isGreaterThan(DemoRun.MIN_CORRELATION);
            assertThat(routedEcho.lagMillis()).isBetween((long) ECHO_DELAY_MS, (long) ECHO_DELAY_MS + GATEWAY_MAX_MS);

            parked = DemoCaller.call(new DemoCaller.Settings(sip, "demo", List.of(), Arrays.copyOf(prompt, 3_200),
                    Duration.ofMillis(600), SipTimers.DEFAULT), callId -> { });
        }

        DemoCallResult call = report.call();
        assertThat(call.packetsSent()).isEqualTo((prompt.length + 159) / 160 + 1500 / 20);
        assertThat(call.packetsReceived()).isGreaterThan(200);
        assertThat(call.packetsIgnored()).isZero();
        assertThat(call.endedByGateway()).isFalse();
        assertThat(report.echoHeard()).isTrue();
        assertThat(report.echo().correlation()).isGreaterThan(DemoRun.MIN_CORRELATION);
        assertThat(report.echo().lagMillis()).isBetween((long) ECHO_DELAY_MS, (long) ECHO_DELAY_MS + GATEWAY_MAX_MS);
        assertThat(report.framesEchoed()).isGreaterThan(150);
        assertThat(report.playEvents()).isGreaterThan(150);
        assertThat(report.heardAudibleMs()).isGreaterThan(report.promptAudibleMs() / 2);

        WavFile written = WavFile.read(dir.resolve("out").resolve(DemoRun.RECORDING));
        assertThat(report.recording()).isEqualTo(dir.resolve("out").resolve(DemoRun.RECORDING));
        assertThat(written.sampleRate()).isEqualTo(8000);
        assertThat(written.channels()).isEqualTo(1);
        assertThat(written.samples()).containsExactly(call.heard());

        assertThat(EchoAnalysis.audibleMillis(parked.heard())).as("a parked call hears silence").isZero();
        assertThat(parked.packetsReceived()).isGreaterThan(0);

        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text)
                .contains("Calling sip:demo@" + sip.getAddress().getHostAddress() + ":" + sip.getPort()
                        + " with X-AUDIO_STREAM_START: ws://")
                .contains("demo app: metadata {\"sampleRate\":16000,\"demo\":true}")
                .contains("event call::created [", "event call::answered [", "event mod_audio_stream::connect [",
                        "event call::hangup [", "event mod_audio_stream::disconnect [")
                .contains("Session health before hanging up (GET /v1/sessions/", "\"mode\":\"ws\"", "\"state\":\"STREAMING\"")
                .contains("Global health (GET /v1/health):", "\"total_sessions_destroyed\":1")
                .contains("  delay     " + report.echo().lagMillis() + " ms from saying to hearing")
                .contains("curl -XPOST http://" + http.getAddress().getHostAddress() + ":" + http.getPort() + "/api")
                .doesNotContain("event mod_audio_stream::play", "request failed");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(leftoverThreads(threadsBefore)).isEmpty());
        assertUdpFree(sip.getPort());
        assertTcpFree(sip.getPort());
        assertTcpFree(http.getPort());
        assertTcpFree(appPort);
        for (DemoCallResult c : List.of(call, routed, parked)) {
            assertUdpFree(c.gatewayRtp().getPort());
        }
    }

    /**
     * {@code demo --ai} offline: the demo call talks to the built-in fake Realtime service, hears its answer
     * after the caller stops talking (the VAD's 500 ms silence window, the fake's reply and the gateway), and a
     * call to {@code sip:ai@} gets the assistant by routing rule; everything is released afterwards.
     */
    @Test
    void theAiDemoCallHearsTheAssistantOffline(@TempDir Path dir) throws Exception {
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        DemoRun.AiReport report;
        DemoCallResult routed;
        InetSocketAddress sip;
        try (DemoRun demo = DemoRun.start(new DemoRun.Options(dir.resolve("out"), ECHO_DELAY_MS, Duration.ofMillis(5000),
                Map.of(), out, true))) {
            sip = demo.sipAddress();
            report = demo.callAiOnce();
            routed = DemoCaller.call(new DemoCaller.Settings(sip, DemoConfig.AI_USER, List.of(), Arrays.copyOf(prompt(), 12_800),
                    Duration.ofMillis(4000), SipTimers.DEFAULT), callId -> { });
        }

        assertThat(report.answerHeard()).as(printed.toString(StandardCharsets.UTF_8)).isTrue();
        assertThat(report.answerDelayMs()).as("VAD silence 500 ms + fake + gateway").isBetween(500L, 1500L);
        assertThat(report.answerAudibleMs()).isGreaterThan(2000);
        assertThat(report.transcript()).isEqualTo(DemoAssistant.REPLY);
        assertThat(EchoAnalysis.audibleMillis(routed.heard(), 12_800)).as("the routed call hears the assistant").isGreaterThan(1000);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("AI assistant: the built-in fake OpenAI Realtime service at ws://127.0.0.1:")
                .contains("with X-AUDIO_STREAM_START_AI: {}")
                .contains("event mod_audio_stream::ai_state [", "\"state\":\"SPEAKING\"", "event mod_audio_stream::ai_response [")
                .contains("\"mode\":\"ai\"", "  answer    ")
                .doesNotContain(DemoAssistant.OFFLINE_KEY);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(leftoverThreads(threadsBefore)).isEmpty());
        assertUdpFree(sip.getPort());
        assertUdpFree(report.call().gatewayRtp().getPort());
    }

    /** {@code demo --ai --tts local}: the same offline agent, its answer spoken by espeak-ng sentence by sentence. */
    @Test
    void theAiDemoSpeaksThroughTheLocalVoiceOffline(@TempDir Path dir) throws Exception {
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        DemoRun.AiReport report;
        try (DemoRun demo = DemoRun.start(new DemoRun.Options(dir.resolve("out"), ECHO_DELAY_MS, Duration.ofMillis(6000),
                Map.of("AUDIO_STREAM_AI_TTS_PROVIDER", "espeak"), out, true))) {
            report = demo.callAiOnce();
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(report.answerHeard()).as(text).isTrue();
        assertThat(report.answerAudibleMs()).as("two sentences of espeak-ng").isGreaterThan(2000);
        assertThat(report.transcript()).isEqualTo(DemoAssistant.REPLY);
        assertThat(text).contains("\"tts\":{\"provider\":\"espeak\",\"breaker\":\"closed\"", "\"sentences\":2",
                "AI voice: espeak speaks the assistant's text answer sentence by sentence (espeak-ng on this machine, offline)");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(leftoverThreads(threadsBefore)).isEmpty());
    }

    private static short[] prompt() throws IOException {
        try (InputStream in = DemoRun.class.getResourceAsStream("prompt.wav")) {
            return WavFile.read(in).samples();
        }
    }

    /** Threads started during the test and still alive, except JDK singletons that outlive any one test. */
    private static List<String> leftoverThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t))
                .map(Thread::getName)
                .filter(n -> !n.equals("process reaper") && !n.startsWith("globalEventExecutor-")
                        && !n.startsWith("ForkJoinPool") && !n.startsWith("awaitility")
                        && !n.equals("VirtualThread-unblocker"))
                .toList();
    }

    private static void assertUdpFree(int port) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
            assertThat(s.getLocalPort()).isEqualTo(port);
        }
    }

    private static void assertTcpFree(int port) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", port));
            assertThat(s.getLocalPort()).isEqualTo(port);
        }
    }
}
