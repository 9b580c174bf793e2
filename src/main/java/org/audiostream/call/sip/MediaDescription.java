package org.audiostream.call.sip;

import java.util.ArrayList;
import java.util.List;

/**
 * One media section of an SDP (RFC 4566 §5.14): the {@code m=} line fields and the lines that
 * follow it ({@code c=}, {@code b=}, {@code a=} ...).
 * Threads: immutable; any thread.
 *
 * @param media media type, e.g. {@code audio}
 * @param port transport port; 0 means the stream is rejected/disabled (RFC 3264 §5.1)
 * @param proto transport protocol, e.g. {@code RTP/AVP}
 * @param formats payload type numbers (as strings) in preference order
 * @param lines the lines after {@code m=}, in order
 */
public record MediaDescription(String media, int port, String proto, List<String> formats, List<SdpLine> lines) {

    public MediaDescription {
        formats = List.copyOf(formats);
        lines = List.copyOf(lines);
    }

    /** First value of attribute {@code name}: "" for a flag, {@code null} when absent. */
    public String attribute(String name) {
        return SessionDescription.attribute(lines, name);
    }

    /** Every value of attribute {@code name}. */
    public List<String> attributes(String name) {
        List<String> out = new ArrayList<>(2);
        for (SdpLine l : lines) {
            if (l.type() == 'a' && l.attributeName().equals(name)) {
                out.add(l.attributeValue());
            }
        }
        return out;
    }

    /** The {@code c=} value of this section, or {@code null}. */
    public String connection() {
        return SessionDescription.first(lines, 'c');
    }

    /** The rtpmap value ({@code PCMU/8000}) for {@code payloadType}, or {@code null}. */
    public String rtpmap(String payloadType) {
        for (String v : attributes("rtpmap")) {
            int sp = v.indexOf(' ');
            if (sp > 0 && v.substring(0, sp).equals(payloadType)) {
                return v.substring(sp + 1).strip();
            }
        }
        return null;
    }

    /** The {@code m=} line value. */
    public String mLine() {
        return media + ' ' + port + ' ' + proto + ' ' + String.join(" ", formats);
    }
}
