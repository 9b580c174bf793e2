package org.audiostream.call.sip;

import org.audiostream.call.MediaDirection;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * RFC 3264 offer/answer for one audio stream of PCMU/PCMA plus RFC 4733 telephone-event: reads a
 * peer's offer (choosing the first offered codec we support, in the offer's preference order) or
 * a peer's answer to our late offer, and reports the stream or a typed rejection. The SDP we
 * send is built by {@link SdpWriter}.
 * Threads: stateless; any thread.
 */
final class SdpOfferAnswer {

    static final String ACCEPTED_CODECS = "[0 PCMU, 8 PCMA]";
    private static final String[] STATIC_NAMES = {"PCMU", "1016", "G721", "GSM", "G723", "DVI4", "DVI4", "LPC",
        "PCMA", "G722", "L16", "L16", "QCELP", "CN", "MPA", "G728", "DVI4", "DVI4", "G729"};

    private static final int MAX_PORT = 65535;

    private SdpOfferAnswer() {
    }

    /** Processes a peer's offer. */
    static SdpOutcome processOffer(byte[] body) {
        SessionDescription offer;
        try {
            offer = SdpParser.parse(body);
        } catch (IllegalArgumentException e) {
            return new SdpOutcome.Rejected(400, 399, "SDP offer malformed: " + e.getMessage());
        }
        int index = -1;
        String otherProto = null;
        List<String> offeredMedia = new ArrayList<>();
        for (int i = 0; i < offer.media().size() && index < 0; i++) {
            MediaDescription m = offer.media().get(i);
            offeredMedia.add(m.media() + " " + m.proto());
            if (m.media().equals("audio") && m.port() != 0) {
                if (m.proto().equalsIgnoreCase("RTP/AVP")) {
                    index = i;
                } else {
                    otherProto = m.proto();
                }
            }
        }
        if (index < 0) {
            return otherProto != null
                    ? new SdpOutcome.Rejected(488, 302, "SDP offer rejected: audio transport " + otherProto
                            + " not supported; we accept [RTP/AVP]")
                    : new SdpOutcome.Rejected(488, 304, "SDP offer rejected: no active audio stream; offered " + offeredMedia);
        }
        return stream(offer, index, "offer");
    }

    /** Processes a peer's answer to our offer (late offer, RFC 3261 §13.2.1). */
    static SdpOutcome processAnswer(byte[] body) {
        SessionDescription answer;
        try {
            answer = SdpParser.parse(body);
        } catch (IllegalArgumentException e) {
            return new SdpOutcome.Rejected(400, 399, "SDP answer malformed: " + e.getMessage());
        }
        if (answer.media().isEmpty() || !answer.media().get(0).media().equals("audio")) {
            return new SdpOutcome.Rejected(488, 304, "SDP answer rejected: first media section is not audio");
        }
        if (answer.media().get(0).port() == 0) {
            return new SdpOutcome.Rejected(488, 304, "SDP answer rejected: the audio stream was refused (port 0)");
        }
        return stream(answer, 0, "answer");
    }

    private static SdpOutcome stream(SessionDescription sdp, int index, String role) {
        MediaDescription m = sdp.media().get(index);
        int pt = -1;
        String name = null;
        int te = -1;
        for (String f : m.formats()) {
            String map = m.rtpmap(f);
            String codec = map == null ? staticCodec(f) : map.toUpperCase(Locale.ROOT);
            if (pt < 0 && codec != null && (codec.startsWith("PCMU/8000") || codec.startsWith("PCMA/8000") || codec.equals("PCMU") || codec.equals("PCMA"))) {
                pt = Integer.parseInt(f);
                name = codec.substring(0, 4);
            }
            if (te < 0 && map != null && map.equalsIgnoreCase("telephone-event/8000") && isPayloadType(f)) {
                te = Integer.parseInt(f);
            }
        }
        if (pt < 0) {
            return new SdpOutcome.Rejected(488, 305, "SDP " + role + " rejected: no common codec; offered "
                    + describeFormats(m) + ", we accept " + ACCEPTED_CODECS);
        }
        String c = m.connection() != null ? m.connection() : sdp.connection();
        if (c == null) {
            return new SdpOutcome.Rejected(400, 399, "SDP " + role + " malformed: no c= line for the audio stream");
        }
        InetAddress address = connectionAddress(c);
        if (address == null) {
            return new SdpOutcome.Rejected(488, 301, "SDP " + role + " rejected: c=" + c
                    + " is not 'IN IP4|IP6 <unicast IP literal>'");
        }
        String dirAttr = directionOf(m.lines());
        if (dirAttr == null) {
            dirAttr = directionOf(sdp.sessionLines());
        }
        MediaDirection theirs = dirAttr == null ? MediaDirection.SENDRECV : MediaDirection.fromAttribute(dirAttr);
        if (address.isAnyLocalAddress()) {
            theirs = theirs.withoutReceiving();  // RFC 3264 §8.4: c=0.0.0.0 is the RFC 2543 hold
        }
        int offeredPtime = millis(m.attribute("ptime") != null ? m.attribute("ptime") : sdp.attribute("ptime"));
        int maxptime = millis(m.attribute("maxptime") != null ? m.attribute("maxptime") : sdp.attribute("maxptime"));
        int rtcp = rtcpPort(m.attribute("rtcp"), m.port() + 1);
        if (rtcp > MAX_PORT) {
            return new SdpOutcome.Rejected(488, 399, "SDP " + role + " rejected: m=audio port " + m.port()
                    + " leaves no port for RTCP (port + 1) and there is no valid a=rtcp");
        }
        NegotiatedMedia media = new NegotiatedMedia(new InetSocketAddress(address, m.port()), pt, name, 8000, te,
                sendPtime(offeredPtime, maxptime), offeredPtime, theirs.reverse(), rtcp);
        return new SdpOutcome.Accepted(media, sdp, index);
    }

    /** We send 20 ms unless asked otherwise; G.711 packets are whole 10 ms steps within 10..60. */
    static int sendPtime(int offeredPtime, int maxptime) {
        int p = offeredPtime > 0 ? Math.max(10, Math.min(60, offeredPtime / 10 * 10)) : 20;
        if (maxptime >= 10) {
            p = Math.min(p, maxptime / 10 * 10);
        }
        return p;
    }

    private static String directionOf(List<SdpLine> lines) {
        String found = null;
        for (SdpLine l : lines) {
            if (l.type() == 'a' && MediaDirection.fromAttribute(l.value()) != null) {
                found = l.value();
            }
        }
        return found;
    }

    private static InetAddress connectionAddress(String c) {
        String[] f = c.trim().split(" +");
        if (f.length != 3 || !f[0].equals("IN") || !(f[1].equals("IP4") || f[1].equals("IP6"))) {
            return null;
        }
        byte[] raw = NetUtil.createByteArrayFromIpAddressString(f[2]);
        if (raw == null || (raw.length == 4) != f[1].equals("IP4")) {
            return null;
        }
        try {
            InetAddress a = InetAddress.getByAddress(raw);
            return a.isMulticastAddress() ? null : a;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static int millis(String v) {
        if (v == null || v.isBlank()) {
            return 0;
        }
        String t = v.trim();
        int dot = t.indexOf('.');
        String whole = dot < 0 ? t : t.substring(0, dot);
        return whole.length() > 0 && whole.length() <= 4 && whole.chars().allMatch(Character::isDigit)
                ? Integer.parseInt(whole) : 0;
    }

    private static int rtcpPort(String attr, int fallback) {
        if (attr == null) {
            return fallback;
        }
        String p = attr.trim().split(" +")[0];
        return p.length() <= 5 && !p.isEmpty() && p.chars().allMatch(Character::isDigit) && Integer.parseInt(p) <= MAX_PORT
                ? Integer.parseInt(p) : fallback;
    }

    private static boolean isPayloadType(String f) {
        return f.length() <= 3 && f.chars().allMatch(Character::isDigit) && Integer.parseInt(f) <= 127;
    }

    private static String staticCodec(String f) {
        if (!isPayloadType(f)) {
            return null;
        }
        int n = Integer.parseInt(f);
        return n < STATIC_NAMES.length ? STATIC_NAMES[n] : null;
    }

    /** {@code [9 G722, 18 G729, 101 telephone-event]} for rejection messages. */
    static String describeFormats(MediaDescription m) {
        List<String> out = new ArrayList<>(m.formats().size());
        for (String f : m.formats()) {
            String map = m.rtpmap(f);
            String name = map != null ? map.split("/")[0] : staticCodec(f);
            out.add(f + " " + (name == null ? "?" : name));
        }
        return out.toString();
    }
}
