package org.audiostream.app.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.audiostream.call.sip.SipHeader;
import org.audiostream.call.sip.SipTimers;

/**
 * The demo's built-in test caller: places one SIP call over UDP ({@link SipUacDialog}), plays a
 * prompt into it as PCMU RTP and keeps listening for a while after it ({@link RtpStreamer}), then
 * hangs up and reports what it heard. Every socket is closed on every path, and once the call is
 * answered a failure still ends it with BYE.
 * Threads: runs on the calling thread and blocks for the length of the call.
 */
public final class DemoCaller {

    /**
     * @param gateway           the gateway's SIP address (UDP)
     * @param user              request-URI user: {@code demo} calls {@code sip:demo@<gateway>}
     * @param headers           extra INVITE headers, e.g. {@code X-AUDIO_STREAM_START}
     * @param prompt            what the caller says, 8 kHz mono
     * @param listenAfterPrompt how long to go on (sending silence) after the prompt, for the echo
     * @param timers            SIP retransmission timers (T1, T2)
     */
    public record Settings(InetSocketAddress gateway, String user, List<SipHeader> headers, short[] prompt,
                           Duration listenAfterPrompt, SipTimers timers) {}

    private DemoCaller() {
    }

    /**
     * Places the call and returns when it is over.
     *
     * @param beforeHangup given the Call-ID once the caller has stopped streaming and before it hangs up
     * @throws SipCallException if the call is refused, times out, or its SDP answer cannot be used
     * @throws IOException if a socket fails
     */
    public static DemoCallResult call(Settings settings, Consumer<String> beforeHangup) throws IOException {
        return call(settings, () -> true, beforeHangup);
    }

    /**
     * As {@link #call(Settings, Consumer)}, but also hangs up early, after the current frame, once
     * {@code keepCalling} turns false (asked every 20 ms, on the calling thread): a test that drives the
     * call from another thread ends it when it is done instead of guessing its length up front.
     */
    public static DemoCallResult call(Settings settings, BooleanSupplier keepCalling, Consumer<String> beforeHangup)
            throws IOException {
        try (SipUacDialog sip = new SipUacDialog(settings.gateway(), settings.timers());
             RtpStreamer rtp = RtpStreamer.open(sip.localAddress().getAddress())) {
            InetAddress local = sip.localAddress().getAddress();
            long inviteSent = System.nanoTime();
            byte[] answerBody = sip.invite(settings.user(), settings.headers(),
                    CallerSdp.offer(local, rtp.localPort(), System.currentTimeMillis()));
            Duration setup = since(inviteSent);
            CallerSdp.Answer answer;
            CallRecording recording;
            Duration media;
            try {
                answer = CallerSdp.readAnswer(answerBody);
                int silenceFrames = (int) (settings.listenAfterPrompt().toNanos() / RtpStreamer.FRAME_NANOS);
                long streamStart = System.nanoTime();
                recording = rtp.stream(settings.prompt(), silenceFrames, answer.rtp(), answer.telephoneEventPt(), () -> {
                    sip.poll();
                    return !sip.endedByGateway() && keepCalling.getAsBoolean();
                });
                media = since(streamStart);
                beforeHangup.accept(sip.callId());
                sip.poll();
            } catch (IOException | RuntimeException e) {
                hangUpAfterFailure(sip, e);
                throw e;
            }
            Duration hangup = Duration.ZERO;
            if (!sip.endedByGateway()) {
                long byeSent = System.nanoTime();
                sip.bye();
                hangup = since(byeSent);
            }
            return new DemoCallResult(sip.callId(), answer.rtp(), rtp.packetsSent(), rtp.packetsReceived(),
                    rtp.packetsIgnored(), recording.samples(), setup, media, hangup, sip.endedByGateway());
        }
    }

    private static void hangUpAfterFailure(SipUacDialog sip, Exception failure) {
        if (sip.endedByGateway()) {
            return;
        }
        try {
            sip.bye();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
