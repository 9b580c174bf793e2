package org.audiostream.call.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses SDP text (RFC 4566 §5): {@code <type>=<value>} lines with CRLF or LF ends, {@code v=0}
 * first, {@code o=} and {@code s=} required, {@code m=} lines with a valid port and at least one
 * format. Other line types are kept verbatim. Failures are {@link IllegalArgumentException}s whose
 * message names the line, caught by {@link SdpOfferAnswer} and turned into a typed rejection.
 * Threads: stateless; any thread.
 */
final class SdpParser {

    private SdpParser() {
    }

    static SessionDescription parse(byte[] body) {
        return parse(new String(body, StandardCharsets.UTF_8));
    }

    static SessionDescription parse(String text) {
        List<SdpLine> session = new ArrayList<>();
        List<MediaDescription> media = new ArrayList<>();
        String[] mFields = null;
        List<SdpLine> mLines = new ArrayList<>();
        int lineNo = 0;
        for (String raw : text.split("\r?\n")) {
            lineNo++;
            if (raw.isEmpty()) {
                continue;
            }
            if (raw.length() < 2 || raw.charAt(1) != '=' || raw.charAt(0) < 'a' || raw.charAt(0) > 'z') {
                throw new IllegalArgumentException("SDP line " + lineNo + " is not '<type>=<value>': '" + abbreviate(raw) + "'");
            }
            SdpLine line = new SdpLine(raw.charAt(0), raw.substring(2));
            if (session.isEmpty() && !(line.type() == 'v' && line.value().equals("0"))) {
                throw new IllegalArgumentException("SDP must start with v=0, found '" + abbreviate(raw) + "'");
            }
            if (line.type() == 'm') {
                if (mFields != null) {
                    media.add(media(mFields, mLines, lineNo));
                }
                mFields = line.value().split(" +");
                mLines = new ArrayList<>();
            } else if (mFields != null) {
                mLines.add(line);
            } else {
                session.add(line);
            }
        }
        if (mFields != null) {
            media.add(media(mFields, mLines, lineNo));
        }
        if (session.isEmpty()) {
            throw new IllegalArgumentException("SDP is empty");
        }
        if (SessionDescription.first(session, 'o') == null) {
            throw new IllegalArgumentException("SDP has no o= line");
        }
        if (SessionDescription.first(session, 's') == null) {
            throw new IllegalArgumentException("SDP has no s= line");
        }
        return new SessionDescription(session, media);
    }

    private static MediaDescription media(String[] f, List<SdpLine> lines, int lineNo) {
        if (f.length < 4) {
            throw new IllegalArgumentException("SDP m= line before line " + lineNo + " has " + f.length
                    + " fields, needs at least 4: '" + String.join(" ", f) + "'");
        }
        String port = f[1];
        int slash = port.indexOf('/');
        String number = slash < 0 ? port : port.substring(0, slash);
        if (number.isEmpty() || number.length() > 5 || !number.chars().allMatch(Character::isDigit)
                || Integer.parseInt(number) > 65535) {
            throw new IllegalArgumentException("SDP m= port=" + port + " is not a port number 0..65535");
        }
        return new MediaDescription(f[0], Integer.parseInt(number), f[2], Arrays.asList(f).subList(3, f.length), lines);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
