package org.audiostream.call.sip;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns octets into a {@link SipMessage}: finds the end of the header section, splits and unfolds
 * header lines (RFC 3261 §7.3.1), applies the Content-Length rules (§18.3, §20.14) and validates.
 * Used by both decoders; datagram framing lives here, stream framing in {@link SipStreamDecoder}.
 * Line ends may be CRLF or bare LF. Never throws on bad input: failures are carried by the message.
 * Threads: stateless; any thread.
 */
final class SipMessageParser {

    /** Content-Length status values returned by {@link #contentLength}. */
    static final int CL_ABSENT = -1;
    static final int CL_BAD = -2;

    private SipMessageParser() {
    }

    /** Index after leading CR/LF octets (RFC 3261 §7.5 keep-alives and stray line ends). */
    static int skipLineEnds(ByteBuf buf, int from, int to) {
        int i = from;
        while (i < to && (buf.getByte(i) == '\r' || buf.getByte(i) == '\n')) {
            i++;
        }
        return i;
    }

    /** Index just after the empty line that ends the header section, or -1 if not in range. */
    static int findHeaderEnd(ByteBuf buf, int from, int to) {
        int lineStart = from;
        for (int i = from; i < to; i++) {
            if (buf.getByte(i) == '\n') {
                int len = i - lineStart;
                if (len == 0 || (len == 1 && buf.getByte(lineStart) == '\r')) {
                    return i + 1;
                }
                lineStart = i + 1;
            }
        }
        return -1;
    }

    /** Parses the start line and header lines of {@code head} (which may include the blank line). */
    static SipMessage parseHead(String head) {
        int lineEnd = head.indexOf('\n');
        String startLine = stripCr(lineEnd < 0 ? head : head.substring(0, lineEnd));
        SipMessage msg = SipStartLineParser.parse(startLine);
        if (lineEnd >= 0) {
            SipParseFailure f = parseHeaderLines(head, lineEnd + 1, msg.headers());
            if (f != null && msg.isValid()) {
                msg.failure(f);
            }
        }
        return msg;
    }

    /**
     * Splits header lines into {@code headers}. A malformed line is skipped and the first such
     * failure returned, so the headers after it are still there to form a 400 response.
     */
    private static SipParseFailure parseHeaderLines(String head, int pos, SipHeaders headers) {
        SipParseFailure failure = null;
        String name = null;
        StringBuilder value = new StringBuilder();
        while (pos < head.length()) {
            int nl = head.indexOf('\n', pos);
            int end = nl < 0 ? head.length() : nl;
            String line = stripCr(head.substring(pos, end));
            int lineOffset = pos;
            pos = end + 1;
            if (line.isEmpty()) {
                break;
            }
            char first = line.charAt(0);
            if (first == ' ' || first == '\t') {
                if (name != null) {
                    value.append(' ').append(line.strip());  // RFC 3261 §7.3.1: fold = single SP
                } else if (failure == null) {
                    failure = new SipParseFailure(SipFailureReason.HEADER_LINE_MALFORMED,
                            "continuation line without a header before it", lineOffset);
                }
                continue;
            }
            if (name != null) {
                headers.add(name, value.toString().strip());
                name = null;
            }
            int colon = line.indexOf(':');
            String rawName = colon < 0 ? "" : line.substring(0, colon).stripTrailing();
            if (!SipScanner.isToken(rawName)) {
                if (failure == null) {
                    failure = new SipParseFailure(SipFailureReason.HEADER_LINE_MALFORMED,
                            "header line without 'token:' name: '" + SipStartLineParser.abbreviate(line) + "'", lineOffset);
                }
                continue;
            }
            name = rawName;
            value.setLength(0);
            value.append(line, colon + 1, line.length());
        }
        if (name != null) {
            headers.add(name, value.toString().strip());
        }
        return failure;
    }

    /**
     * The Content-Length value, {@link #CL_ABSENT}, or {@link #CL_BAD} after setting the failure
     * on {@code msg} (non-numeric, negative, repeated — RFC 4475 §3.1.2.3, §3.3.9).
     */
    static int contentLength(SipMessage msg, int maxBody) {
        List<String> lines = msg.headers().lines(SipHeaderNames.CONTENT_LENGTH);
        if (lines.isEmpty()) {
            return CL_ABSENT;
        }
        if (lines.size() > 1) {
            fail(msg, SipFailureReason.HEADER_DUPLICATED, "Content-Length appears " + lines.size() + " times " + lines);
            return CL_BAD;
        }
        String v = lines.get(0);
        if (v.isEmpty() || v.length() > 10 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            fail(msg, SipFailureReason.CONTENT_LENGTH_INVALID, "Content-Length=" + v + " is not a non-negative integer");
            return CL_BAD;
        }
        long n = Long.parseLong(v);
        if (n > maxBody) {
            fail(msg, SipFailureReason.BODY_TOO_LARGE, "SIP body too large: Content-Length=" + n + " > maxBodyBytes=" + maxBody);
            return CL_BAD;
        }
        return (int) n;
    }

    /**
     * Parses one datagram (RFC 3261 §18.3): octets beyond Content-Length are ignored; without
     * Content-Length the body is the rest of the datagram. Returns {@code null} for a datagram of
     * only line ends (keep-alive).
     */
    static SipMessage parseDatagram(ByteBuf buf, SipLimits limits) {
        int end = buf.writerIndex();
        int start = skipLineEnds(buf, buf.readerIndex(), end);
        if (start == end) {
            return null;
        }
        int headEnd = findHeaderEnd(buf, start, end);
        int headLen = (headEnd < 0 ? end : headEnd) - start;
        if (headLen > limits.maxHeaderBytes()) {
            SipMessage m = parseHead(buf.toString(start, Math.min(headLen, limits.maxHeaderBytes()), StandardCharsets.UTF_8));
            m.failure(new SipParseFailure(SipFailureReason.HEADER_SECTION_TOO_LARGE,
                    "SIP header section too large: " + headLen + " bytes > maxHeaderBytes=" + limits.maxHeaderBytes(), -1));
            return m;
        }
        SipMessage msg = parseHead(buf.toString(start, headLen, StandardCharsets.UTF_8));
        if (headEnd < 0) {
            fail(msg, SipFailureReason.HEADERS_UNTERMINATED,
                    "datagram ends inside the header section: no empty line in " + headLen + " octets");
            return msg;
        }
        int available = end - headEnd;
        int cl = contentLength(msg, limits.maxBodyBytes());
        if (cl == CL_BAD) {
            return msg;
        }
        if (cl > available) {
            fail(msg, SipFailureReason.CONTENT_LENGTH_MISMATCH,
                    "Content-Length=" + cl + " > " + available + " body octets in datagram");
            return msg;
        }
        int bodyLen = cl == CL_ABSENT ? available : cl;
        if (bodyLen > limits.maxBodyBytes()) {
            fail(msg, SipFailureReason.BODY_TOO_LARGE, "SIP body too large: " + bodyLen + " bytes > maxBodyBytes=" + limits.maxBodyBytes());
            return msg;
        }
        return finish(msg, buf, headEnd, bodyLen);
    }

    /** Attaches the body and runs the validator. */
    static SipMessage finish(SipMessage msg, ByteBuf buf, int bodyStart, int bodyLen) {
        if (bodyLen > 0) {
            byte[] body = new byte[bodyLen];
            buf.getBytes(bodyStart, body);
            msg.body(body);
        }
        if (msg.isValid()) {
            SipMessageValidator.validate(msg);
        }
        return msg;
    }

    private static void fail(SipMessage msg, SipFailureReason reason, String detail) {
        if (msg.isValid()) {
            msg.failure(new SipParseFailure(reason, detail, -1));
        }
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
