package org.audiostream.call.sip;

import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the RFC 4475 messages copied into {@code src/test/resources/sip-torture/}. */
final class TortureFiles {

    private TortureFiles() {
    }

    static byte[] bytes(String file) {
        try (InputStream in = TortureFiles.class.getResourceAsStream("/sip-torture/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no torture file " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the file as one UDP datagram. */
    static SipMessage parse(String file) {
        return SipMessageParser.parseDatagram(Unpooled.wrappedBuffer(bytes(file)), SipLimits.DEFAULT);
    }
}
