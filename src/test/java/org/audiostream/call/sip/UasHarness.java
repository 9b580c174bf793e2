package org.audiostream.call.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The UAS core (dispatcher, transactions, dialogs, calls) on an {@link EmbeddedChannel} with frozen
 * time: tests feed datagrams, read what the UAS sent, and move the clock.
 */
final class UasHarness {

    static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 5070);
    static final SipTimers FAST = new SipTimers(Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMillis(500));

    final EmbeddedChannel udp = new EmbeddedChannel();
    final RecordingCallHandler handler = new RecordingCallHandler(30000);
    final UasContext ctx;
    final UasDispatcher dispatcher;
    private final List<InetSocketAddress> recipients = new ArrayList<>();

    UasHarness(SipUasConfig.Builder config) {
        udp.freezeTime();
        SipSender sender = new SipSender();
        sender.udpChannel(udp);
        ctx = new UasContext(config.timers(FAST).build(), udp.eventLoop(), new SipCounters(), sender, handler);
        ctx.localPort = 5060;
        dispatcher = new UasDispatcher(ctx);
    }

    UasHarness() {
        this(SipUasConfig.builder().ringing(true, Duration.ZERO));
    }

    void receive(String text) {
        receive(text, PEER);
    }

    void receive(String text, InetSocketAddress from) {
        SipMessage m = SipMessageParser.parseDatagram(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)), ctx.config.limits());
        dispatcher.onMessage(new InboundSip(m, SipTransportType.UDP, from, udp, false));
        udp.runPendingTasks();
    }

    /** Everything the UAS sent since the last call, parsed. */
    List<SipMessage> sent() {
        List<SipMessage> out = new ArrayList<>();
        DatagramPacket p;
        while ((p = udp.readOutbound()) != null) {
            recipients.add(p.recipient());
            out.add(SipMessageParser.parseDatagram(p.content(), SipLimits.DEFAULT));
            p.release();
        }
        return out;
    }

    /** The one message sent since the last call. */
    SipMessage sentOne() {
        List<SipMessage> s = sent();
        assertThat(s).hasSize(1);
        return s.get(0);
    }

    List<Integer> sentStatuses() {
        return sent().stream().map(m -> m instanceof SipResponse r ? r.status() : -1).toList();
    }

    InetSocketAddress lastRecipient() {
        return recipients.get(recipients.size() - 1);
    }

    void advance(long millis) {
        for (long t = 0; t < millis; t += 10) {
            udp.advanceTimeBy(10, TimeUnit.MILLISECONDS);
            udp.runScheduledPendingTasks();
            udp.runPendingTasks();
        }
    }

    /** A response to {@code request} as the peer would send it. */
    static String responseTo(SipRequest request, int status, String phrase) {
        StringBuilder sb = new StringBuilder("SIP/2.0 ").append(status).append(' ').append(phrase).append("\r\n");
        for (String h : new String[] {"Via", "From", "To", "Call-ID", "CSeq"}) {
            for (String v : request.headers().lines(h)) {
                sb.append(h).append(": ").append(v).append("\r\n");
            }
        }
        return sb.append("Content-Length: 0\r\n\r\n").toString();
    }

    static String body(SipMessage m) {
        return new String(m.body(), StandardCharsets.UTF_8);
    }
}
