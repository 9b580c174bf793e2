package org.audiostream.call.rtp;

import org.audiostream.media.PayloadCodec;

/**
 * Test codec with G.711's shape (one byte per sample) that is lossless for samples that are
 * multiples of 256: the payload byte is the sample's high byte.
 */
final class ByteShiftCodec implements PayloadCodec {

    @Override
    public void decode(byte[] src, int off, short[] dst, int dstOff, int len) {
        for (int i = 0; i < len; i++) {
            dst[dstOff + i] = (short) (src[off + i] << 8);
        }
    }

    @Override
    public void encode(short[] src, int off, byte[] dst, int dstOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = (byte) (src[off + i] >> 8);
        }
    }

    /** A sample the codec carries exactly. */
    static short sample(int highByte) {
        return (short) (highByte << 8);
    }
}
