package org.audiostream.call.rtp;

/**
 * Converts between an RTP audio payload and linear PCM, one payload byte per sample (G.711,
 * RFC 3551 §4.5.14). The RTP leg is written against this so that the codec is plugged in by the
 * wiring code.
 *
 * <p>Threads: implementations are called only by the leg's owning clock shard; they must not
 * block or allocate.
 */
public interface PayloadCodec {

    /** Decodes {@code len} payload bytes from {@code src[off]} into {@code len} samples at {@code dst[dstOff]}. */
    void decode(byte[] src, int off, int len, short[] dst, int dstOff);

    /** Encodes {@code n} samples from {@code src[off]} into {@code n} payload bytes at {@code dst[dstOff]}. */
    void encode(short[] src, int off, int n, byte[] dst, int dstOff);
}
