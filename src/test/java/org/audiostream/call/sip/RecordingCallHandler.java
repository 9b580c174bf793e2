package org.audiostream.call.sip;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A {@link CallHandler} for tests: answers with a fixed local media port and records every callback. */
final class RecordingCallHandler implements CallHandler {

    final List<String> events = new CopyOnWriteArrayList<>();
    final List<SipCall> calls = new CopyOnWriteArrayList<>();
    final List<NegotiatedMedia> media = new CopyOnWriteArrayList<>();
    final List<ReferProgress> refers = new CopyOnWriteArrayList<>();
    volatile int localPort;
    volatile Function<SipCall, CallRejection> rejecter = c -> null;
    volatile CallRefusal refusal;

    RecordingCallHandler(int localPort) {
        this.localPort = localPort;
    }

    @Override
    public CallRefusal refusal() {
        return refusal;
    }

    @Override
    public MediaAnswer onInvite(SipCall call, NegotiatedMedia m) throws CallRejection {
        calls.add(call);
        events.add("invite " + (m == null ? "late-offer" : m.encodingName()));
        CallRejection r = rejecter.apply(call);
        if (r != null) {
            throw r;
        }
        return new MediaAnswer(InetAddress.getLoopbackAddress(), localPort);
    }

    @Override
    public void onAnswered(SipCall call) {
        events.add("answered");
    }

    @Override
    public void onMediaChanged(SipCall call, NegotiatedMedia m) {
        media.add(m);
        events.add("media " + m.direction() + " " + m.encodingName() + " " + m.remoteRtp().getPort());
    }

    @Override
    public void onEnded(SipCall call, HangupCause cause) {
        events.add("ended " + cause);
    }

    @Override
    public void onRefer(SipCall call, String referTo, ReferProgress progress) {
        refers.add(progress);
        events.add("refer " + referTo);
    }

    List<String> events() {
        return new ArrayList<>(events);
    }
}
