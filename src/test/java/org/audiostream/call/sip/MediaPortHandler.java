package org.audiostream.call.sip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.function.Consumer;

/**
 * The integration tests' {@link CallHandler}: answers with the port of a real bound UDP socket (so
 * SDP answers name a live port), records callbacks like {@link RecordingCallHandler}, and closes
 * the socket at the end.
 */
final class MediaPortHandler implements CallHandler, AutoCloseable {

    private final DatagramChannel media;
    final RecordingCallHandler recorder;
    /** Runs after {@link #onAnswered} on the SIP event loop; tests use it to hang up. */
    volatile Consumer<SipCall> whenAnswered = c -> { };

    MediaPortHandler() {
        try {
            media = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            recorder = new RecordingCallHandler(((InetSocketAddress) media.getLocalAddress()).getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int mediaPort() {
        return recorder.localPort;
    }

    @Override
    public MediaAnswer onInvite(SipCall call, NegotiatedMedia m) throws CallRejection {
        return recorder.onInvite(call, m);
    }

    @Override
    public void onAnswered(SipCall call) {
        recorder.onAnswered(call);
        whenAnswered.accept(call);
    }

    @Override
    public void onMediaChanged(SipCall call, NegotiatedMedia m) {
        recorder.onMediaChanged(call, m);
    }

    @Override
    public void onEnded(SipCall call, HangupCause cause) {
        recorder.onEnded(call, cause);
    }

    @Override
    public void onRefer(SipCall call, String referTo, ReferProgress progress) {
        recorder.onRefer(call, referTo, progress);
        progress.finish(200, "OK");
    }

    @Override
    public void close() {
        try {
            media.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
