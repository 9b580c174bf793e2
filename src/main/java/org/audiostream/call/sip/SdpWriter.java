package org.audiostream.call.sip;

import org.audiostream.call.MediaDirection;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the SDP we send: the answer to a peer's offer (RFC 3264 §6: one section per offered
 * section, the ones we do not take rejected with port 0, the offer's {@code t=} echoed) and our
 * own offer for late-offer INVITEs (PCMU, PCMA, telephone-event/8000 as 101, ptime 20).
 * Threads: stateless; any thread.
 */
final class SdpWriter {

    /** Payload type we offer for telephone-event. */
    static final int OFFER_TELEPHONE_EVENT_PT = 101;
    static final String DTMF_EVENTS = "0-16";

    private SdpWriter() {
    }

    static SessionDescription answer(SdpOutcome.Accepted accepted, MediaAnswer local, SdpOrigin origin) {
        SessionDescription offer = accepted.remote();
        String t = offer.line('t');
        List<SdpLine> session = sessionLines(local, origin, t == null ? "0 0" : t);
        List<MediaDescription> media = new ArrayList<>(offer.media().size());
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription m = offer.media().get(i);
            media.add(i == accepted.mediaIndex() ? audio(accepted.media(), local)
                    : new MediaDescription(m.media(), 0, m.proto(), List.of(m.formats().get(0)), List.of()));
        }
        return new SessionDescription(session, media);
    }

    static SessionDescription offer(MediaAnswer local, SdpOrigin origin, MediaDirection direction) {
        NegotiatedMedia ours = new NegotiatedMedia(null, 0, "PCMU", 8000, OFFER_TELEPHONE_EVENT_PT, 20, 0, direction, -1);
        MediaDescription m = audio(ours, local);
        List<String> formats = List.of("0", "8", String.valueOf(OFFER_TELEPHONE_EVENT_PT));
        List<SdpLine> lines = new ArrayList<>(m.lines());
        lines.add(1, new SdpLine('a', "rtpmap:8 PCMA/8000"));
        return new SessionDescription(sessionLines(local, origin, "0 0"),
                List.of(new MediaDescription("audio", local.rtpPort(), "RTP/AVP", formats, lines)));
    }

    private static List<SdpLine> sessionLines(MediaAnswer local, SdpOrigin origin, String t) {
        String addr = addressField(local);
        return List.of(new SdpLine('v', "0"),
                new SdpLine('o', origin.username() + " " + origin.sessionId() + " " + origin.version() + " " + addr),
                new SdpLine('s', origin.username()),
                new SdpLine('c', addr),
                new SdpLine('t', t));
    }

    private static MediaDescription audio(NegotiatedMedia media, MediaAnswer local) {
        List<String> formats = new ArrayList<>(2);
        List<SdpLine> lines = new ArrayList<>(6);
        formats.add(String.valueOf(media.payloadType()));
        lines.add(new SdpLine('a', "rtpmap:" + media.payloadType() + " " + media.encodingName() + "/" + media.clockRate()));
        if (media.telephoneEventPt() >= 0) {
            formats.add(String.valueOf(media.telephoneEventPt()));
            lines.add(new SdpLine('a', "rtpmap:" + media.telephoneEventPt() + " telephone-event/8000"));
            lines.add(new SdpLine('a', "fmtp:" + media.telephoneEventPt() + " " + DTMF_EVENTS));
        }
        lines.add(new SdpLine('a', "ptime:" + media.ptime()));
        lines.add(new SdpLine('a', media.direction().attribute()));
        if (local.rtcpPort() > 0) {
            lines.add(new SdpLine('a', "rtcp:" + local.rtcpPort()));
        }
        return new MediaDescription("audio", local.rtpPort(), "RTP/AVP", formats, lines);
    }

    private static String addressField(MediaAnswer local) {
        return (local.address() instanceof Inet6Address ? "IN IP6 " : "IN IP4 ") + local.address().getHostAddress();
    }
}
