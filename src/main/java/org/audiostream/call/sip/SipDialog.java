package org.audiostream.call.sip;

import static org.audiostream.call.sip.SipHeaderNames.*;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Dialog state on the UAS side (RFC 3261 §12.1.1, §12.2): identifiers, local and remote CSeq,
 * route set from Record-Route, remote target from Contact (refreshed by re-INVITE and UPDATE),
 * and the flow the INVITE arrived on. Builds our in-dialog requests with loose or strict routing
 * (§12.2.1.1).
 * Threads: confined to the SIP event loop.
 */
final class SipDialog {

    final String callId;
    final String localTag;
    final String remoteTag;
    final NameAddr local;
    final NameAddr remote;
    final List<NameAddr> routeSet;
    final SipTransportType transport;
    final InetSocketAddress flowAddress;
    final Channel flowChannel;
    private Uri remoteTarget;
    private long localSeq = ThreadLocalRandom.current().nextLong(1, 1L << 30);
    private long remoteSeq;

    SipDialog(SipRequest invite, String localTag, InboundSip in) {
        this.callId = invite.callId();
        this.localTag = localTag;
        this.remoteTag = tagOrEmpty(invite.from());
        this.local = invite.to().withTag(localTag);
        this.remote = invite.from();
        this.routeSet = List.copyOf(invite.recordRoutes());
        this.transport = in.transport();
        this.flowAddress = in.remote();
        this.flowChannel = in.transport().reliable() ? in.channel() : null;
        this.remoteSeq = invite.cseq().number();
        List<NameAddr> contacts = invite.contacts();
        this.remoteTarget = contacts.isEmpty() ? invite.from().uri() : contacts.get(0).uri();
    }

    static String key(String callId, String localTag, String remoteTag) {
        return callId + '|' + localTag + '|' + remoteTag;
    }

    /** Dialog key of an in-dialog request we received (our tag is in To). */
    static String keyOf(SipRequest request) {
        return key(request.callId(), request.to().tag(), tagOrEmpty(request.from()));
    }

    String key() {
        return key(callId, localTag, remoteTag);
    }

    /**
     * Accepts the CSeq of a new in-dialog request (§12.2.2): lower than the last one means out of
     * order (answer 500); otherwise it becomes the remote sequence number.
     */
    boolean acceptRemoteCseq(long number) {
        if (number < remoteSeq) {
            return false;
        }
        remoteSeq = number;
        return true;
    }

    long remoteSeq() {
        return remoteSeq;
    }

    /** Target refresh (§12.2.2): a re-INVITE or UPDATE with a Contact replaces the remote target. */
    void refreshTarget(SipRequest request) {
        List<NameAddr> contacts = request.contacts();
        if (!contacts.isEmpty()) {
            remoteTarget = contacts.get(0).uri();
        }
    }

    Uri remoteTarget() {
        return remoteTarget;
    }

    /** The URI whose host/port/transport decide where our requests go: first route, else target. */
    Uri nextHop() {
        return routeSet.isEmpty() ? remoteTarget : routeSet.get(0).uri();
    }

    /** A request in this dialog without Via (the sender adds it with the chosen transport). */
    SipRequest newRequest(String method, SipUasConfig config, Uri contact) {
        boolean strict = !routeSet.isEmpty() && routeSet.get(0).sipUri() != null && routeSet.get(0).sipUri().param("lr") == null;
        Uri requestUri = strict ? routeSet.get(0).sipUri().withoutHeaders() : remoteTarget;
        SipRequest r = new SipRequest(method, requestUri);
        SipHeaders h = r.headers();
        h.add(MAX_FORWARDS, "70");
        h.add(FROM, local.toString());
        h.add(TO, remote.toString());
        h.add(CALL_ID, callId);
        h.add(CSEQ, ++localSeq + " " + method);
        List<NameAddr> routes = new ArrayList<>(strict ? routeSet.subList(1, routeSet.size()) : routeSet);
        if (strict) {
            routes.add(NameAddr.of(remoteTarget));
        }
        for (NameAddr route : routes) {
            h.add(ROUTE, route.toString());
        }
        if (!method.equals("BYE")) {
            h.add(CONTACT, "<" + contact + ">");
        }
        h.add(USER_AGENT, config.userAgent());
        return r;
    }

    private static String tagOrEmpty(NameAddr a) {
        return a.tag() == null ? "" : a.tag();
    }
}
