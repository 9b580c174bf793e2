package org.audiostream.call.sip;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A parsed SDP (RFC 4566): the session-level lines and the media sections. Serialises with CRLF.
 * Threads: immutable; any thread.
 *
 * @param sessionLines lines before the first {@code m=}, starting with {@code v=}
 * @param media the media sections in order
 */
public record SessionDescription(List<SdpLine> sessionLines, List<MediaDescription> media) {

    public SessionDescription {
        sessionLines = List.copyOf(sessionLines);
        media = List.copyOf(media);
    }

    /** Parses SDP text; throws {@link IllegalArgumentException} naming the offending line. */
    public static SessionDescription parse(byte[] body) {
        return SdpParser.parse(body);
    }

    /** Session-level attribute value: "" for a flag, {@code null} when absent. */
    public String attribute(String name) {
        return attribute(sessionLines, name);
    }

    /** Session-level {@code c=} value, or {@code null}. */
    public String connection() {
        return first(sessionLines, 'c');
    }

    /** First session-level line of {@code type}, or {@code null}. */
    public String line(char type) {
        return first(sessionLines, type);
    }

    public byte[] toBytes() {
        return toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(256);
        for (SdpLine l : sessionLines) {
            sb.append(l).append("\r\n");
        }
        for (MediaDescription m : media) {
            sb.append("m=").append(m.mLine()).append("\r\n");
            for (SdpLine l : m.lines()) {
                sb.append(l).append("\r\n");
            }
        }
        return sb.toString();
    }

    static String attribute(List<SdpLine> lines, String name) {
        for (SdpLine l : lines) {
            if (l.type() == 'a' && l.attributeName().equals(name)) {
                return l.attributeValue();
            }
        }
        return null;
    }

    static String first(List<SdpLine> lines, char type) {
        for (SdpLine l : lines) {
            if (l.type() == type) {
                return l.value();
            }
        }
        return null;
    }
}
