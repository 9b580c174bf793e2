package org.audiostream.call.sip;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * Serialises a message (RFC 3261 §7): start line, one line per header in long form, a
 * Content-Length computed from the body (any stored Content-Length is ignored), blank line, body.
 * Threads: stateless; any thread.
 */
final class SipMessageWriter {

    private SipMessageWriter() {
    }

    static String head(SipMessage msg) {
        StringBuilder sb = new StringBuilder(512);
        sb.append(msg.startLine()).append("\r\n");
        for (SipHeader h : msg.headers()) {
            if (!h.name().equals(SipHeaderNames.CONTENT_LENGTH)) {
                sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
            }
        }
        sb.append(SipHeaderNames.CONTENT_LENGTH).append(": ").append(msg.body().length).append("\r\n\r\n");
        return sb.toString();
    }

    static ByteBuf encode(SipMessage msg, ByteBufAllocator alloc) {
        byte[] head = head(msg).getBytes(StandardCharsets.UTF_8);
        ByteBuf buf = alloc.buffer(head.length + msg.body().length);
        buf.writeBytes(head).writeBytes(msg.body());
        return buf;
    }

    static byte[] toBytes(SipMessage msg) {
        byte[] head = head(msg).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + msg.body().length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(msg.body(), 0, out, head.length, msg.body().length);
        return out;
    }
}
