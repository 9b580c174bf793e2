package org.audiostream.call.sip;

/**
 * Size caps applied while decoding, so a peer cannot make us buffer without bound.
 * Threads: immutable; any thread.
 *
 * @param maxHeaderBytes largest start line + header section, in octets
 * @param maxBodyBytes largest body, in octets
 */
public record SipLimits(int maxHeaderBytes, int maxBodyBytes) {

    public static final SipLimits DEFAULT = new SipLimits(8192, 16384);

    public SipLimits {
        if (maxHeaderBytes < 256 || maxBodyBytes < 0) {
            throw new IllegalArgumentException("SIP limits too small: maxHeaderBytes=" + maxHeaderBytes
                    + " < 256 or maxBodyBytes=" + maxBodyBytes + " < 0");
        }
    }
}
