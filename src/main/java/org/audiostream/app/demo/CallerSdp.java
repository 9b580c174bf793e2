package org.audiostream.app.demo;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.audiostream.call.sip.MediaDescription;
import org.audiostream.call.sip.SessionDescription;
import org.audiostream.media.G711Law;

/**
 * The demo caller's SDP (RFC 4566, offer/answer per RFC 3264): the offer of one audio stream,
 * PCMU/8000 plus RFC 4733 telephone-event, 20 ms packets; and the reading of the gateway's answer
 * into where to send RTP.
 * Threads: stateless.
 */
final class CallerSdp {

    static final int TELEPHONE_EVENT_PT = 101;

    /** What the answer says: where the gateway takes RTP, and its telephone-event type or -1. */
    record Answer(InetSocketAddress rtp, int telephoneEventPt) {}

    private CallerSdp() {
    }

    static String offer(InetAddress address, int rtpPort, long sessionId) {
        String c = "IN " + (address instanceof Inet6Address ? "IP6 " : "IP4 ") + address.getHostAddress();
        int pcmu = G711Law.PCMU.payloadType();
        return "v=0\r\n"
                + "o=demo-caller " + sessionId + " 1 " + c + "\r\n"
                + "s=audio-stream demo\r\n"
                + "c=" + c + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + rtpPort + " RTP/AVP " + pcmu + " " + TELEPHONE_EVENT_PT + "\r\n"
                + "a=rtpmap:" + pcmu + " PCMU/8000\r\n"
                + "a=rtpmap:" + TELEPHONE_EVENT_PT + " telephone-event/8000\r\n"
                + "a=fmtp:" + TELEPHONE_EVENT_PT + " 0-16\r\n"
                + "a=ptime:20\r\n"
                + "a=sendrecv\r\n";
    }

    /**
     * Reads the answer's first media section (RFC 3264 §6: it mirrors our only one).
     *
     * @throws SipCallException if it is not parseable SDP, refuses the stream, or picks a codec we did not offer
     */
    static Answer readAnswer(byte[] body) throws SipCallException {
        SessionDescription sdp;
        try {
            sdp = SessionDescription.parse(body);
        } catch (IllegalArgumentException e) {
            throw unusable(e.getMessage());
        }
        if (sdp.media().isEmpty()) {
            throw unusable("no media section");
        }
        MediaDescription audio = sdp.media().get(0);
        if (!audio.media().equals("audio") || audio.port() == 0) {
            throw unusable("first media section is not an active audio stream: m=" + audio.mLine());
        }
        String pt = audio.formats().get(0);
        if (!pt.equals(Integer.toString(G711Law.PCMU.payloadType()))) {
            throw unusable("payloadType=" + pt + " is not the offered PCMU (" + G711Law.PCMU.payloadType() + ")");
        }
        String connection = audio.connection() != null ? audio.connection() : sdp.connection();
        if (connection == null) {
            throw unusable("no c= line");
        }
        String[] fields = connection.trim().split(" +");
        if (fields.length < 3) {
            throw unusable("c=" + connection + " has " + fields.length + " fields, needs 3");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(fields[2]);
        } catch (UnknownHostException e) {
            throw unusable("c= address " + fields[2] + " does not resolve");
        }
        int telephoneEvent = audio.formats().stream()
                .filter(f -> audio.rtpmap(f) != null && audio.rtpmap(f).toLowerCase(Locale.ROOT).startsWith("telephone-event/"))
                .mapToInt(Integer::parseInt).findFirst().orElse(-1);
        return new Answer(new InetSocketAddress(address, audio.port()), telephoneEvent);
    }

    private static SipCallException unusable(String reason) {
        return new SipCallException("SDP answer unusable: " + reason, 0);
    }
}
