package org.audiostream.media;

/**
 * Converts between an RTP audio payload and linear PCM, one payload byte per sample (G.711,
 * RFC 3551 §4.5.14). The RTP leg is written against this; {@link G711Law} implements it.
 *
 * <p>Threads: implementations are called only by the leg's owning clock shard; they must not
 * block or allocate.
 */
public interface PayloadCodec {

    /** Decodes {@code n} payload bytes from {@code src[srcOff]} into {@code n} samples at {@code dst[dstOff]}. */
    void decode(byte[] src, int srcOff, short[] dst, int dstOff, int n);

    /** Encodes {@code n} samples from {@code src[srcOff]} into {@code n} payload bytes at {@code dst[dstOff]}. */
    void encode(short[] src, int srcOff, byte[] dst, int dstOff, int n);
}
