package org.audiostream.media;

import java.util.Objects;

/**
 * The two G.711 laws as RTP codecs (RFC 3551 §4.5.14, Table 4): static payload type, SDP
 * encoding name, and whole-frame encode/decode with {@link G711}. One byte per sample, 8000 Hz.
 *
 * <p>Threads: immutable and thread-safe; the bulk methods only touch the caller's arrays.
 */
public enum G711Law implements PayloadCodec {
    /** µ-law, RTP payload type 0. */
    PCMU(0, "PCMU"),
    /** A-law, RTP payload type 8. */
    PCMA(8, "PCMA");

    /** Sample rate of both laws in RTP (RFC 3551 Table 4). */
    public static final int SAMPLE_RATE = 8000;

    private final int payloadType;
    private final String encodingName;

    G711Law(int payloadType, String encodingName) {
        this.payloadType = payloadType;
        this.encodingName = encodingName;
    }

    /** The static RTP payload type: 0 for PCMU, 8 for PCMA. */
    public int payloadType() {
        return payloadType;
    }

    /** The SDP {@code a=rtpmap} encoding name. */
    public String encodingName() {
        return encodingName;
    }

    /** Whether {@code payloadType} is PCMU (0) or PCMA (8). */
    public static boolean isG711(int payloadType) {
        return payloadType == 0 || payloadType == 8;
    }

    /**
     * The law for a static RTP payload type.
     *
     * @throws IllegalArgumentException if {@code payloadType} is neither 0 nor 8
     */
    public static G711Law forPayloadType(int payloadType) {
        return switch (payloadType) {
            case 0 -> PCMU;
            case 8 -> PCMA;
            default -> throw new IllegalArgumentException(
                    "G.711 payload type not supported: pt=" + payloadType + " is not 0 (PCMU) or 8 (PCMA)");
        };
    }

    /** Encodes one linear sample. */
    public byte encode(short sample) {
        return this == PCMU ? G711.encodeUlaw(sample) : G711.encodeAlaw(sample);
    }

    /** Decodes one code. */
    public short decode(byte code) {
        return table()[code & 0xFF];
    }

    /**
     * Decodes {@code n} codes from {@code src[srcOff..]} into {@code dst[dstOff..]}.
     *
     * @throws IndexOutOfBoundsException if either range is outside its array
     */
    @Override
    public void decode(byte[] src, int srcOff, short[] dst, int dstOff, int n) {
        Objects.checkFromIndexSize(srcOff, n, src.length);
        Objects.checkFromIndexSize(dstOff, n, dst.length);
        short[] table = table();
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = table[src[srcOff + i] & 0xFF];
        }
    }

    /**
     * Encodes {@code n} samples from {@code src[srcOff..]} into {@code dst[dstOff..]}.
     *
     * @throws IndexOutOfBoundsException if either range is outside its array
     */
    @Override
    public void encode(short[] src, int srcOff, byte[] dst, int dstOff, int n) {
        Objects.checkFromIndexSize(srcOff, n, src.length);
        Objects.checkFromIndexSize(dstOff, n, dst.length);
        if (this == PCMU) {
            for (int i = 0; i < n; i++) {
                dst[dstOff + i] = G711.encodeUlaw(src[srcOff + i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                dst[dstOff + i] = G711.encodeAlaw(src[srcOff + i]);
            }
        }
    }

    private short[] table() {
        return this == PCMU ? G711.ulawTable() : G711.alawTable();
    }
}
