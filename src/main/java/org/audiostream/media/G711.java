package org.audiostream.media;

/**
 * ITU-T G.711 µ-law and A-law companding, bit-exact with the ITU-T G.191 STL reference
 * ({@code ulaw_compress}/{@code ulaw_expand}, {@code alaw_compress}/{@code alaw_expand}) for 16-bit
 * linear samples: A-law quantises the 13 most significant bits, µ-law the 14 most significant bits.
 * Decoding is a 256-entry table lookup; encoding finds the segment with one leading-zero count
 * (no table, no loop), which {@code G711Benchmark} measures faster than a 64 Ki-entry table.
 * For whole frames and the RTP payload type, use {@link G711Law}.
 *
 * <p>Threads: stateless and thread-safe; the tables are immutable after class initialisation.
 */
public final class G711 {

    /** A-law toggles the even bits of every code (G.711 Table 1, note 2). */
    private static final int ALAW_EVEN_BITS = 0x55;
    /** µ-law magnitude bias, 33 in the 14-bit domain (132 = 0x84 in the 16-bit domain). */
    private static final int ULAW_BIAS = 33;
    /** Largest biased 14-bit µ-law magnitude; a magnitude of 8159 or more clips to the last step. */
    private static final int ULAW_MAX_BIASED = 0x1FFF;

    private static final short[] ULAW_TO_LINEAR = new short[256];
    private static final short[] ALAW_TO_LINEAR = new short[256];

    static {
        for (int code = 0; code < 256; code++) {
            ULAW_TO_LINEAR[code] = expandUlaw(code);
            ALAW_TO_LINEAR[code] = expandAlaw(code);
        }
    }

    private G711() {}

    /** Encodes one 16-bit linear sample to a µ-law code. */
    public static byte encodeUlaw(short sample) {
        // One's complement for negatives, as G.191 does: -1..-4 encode to 0x7F ("negative zero").
        int magnitude = (sample ^ (sample >> 31)) >> 2;
        int biased = Math.min(magnitude + ULAW_BIAS, ULAW_MAX_BIASED);
        int segment = 26 - Integer.numberOfLeadingZeros(biased); // biased in [33, 8191] -> 0..7
        int mantissa = (biased >> (segment + 1)) & 0x0F;
        int sign = (~sample >> 8) & 0x80; // 0x80 for sample >= 0
        return (byte) (sign | (0x7F ^ ((segment << 4) | mantissa)));
    }

    /** Encodes one 16-bit linear sample to an A-law code. */
    public static byte encodeAlaw(short sample) {
        int magnitude = (sample ^ (sample >> 31)) >> 4; // one's complement, 0..2047
        int segment = Math.max(0, 28 - Integer.numberOfLeadingZeros(magnitude)); // 0..7
        int mantissa = (magnitude >> Math.max(0, segment - 1)) & 0x0F;
        int sign = (~sample >> 8) & 0x80;
        return (byte) ((sign | (segment << 4) | mantissa) ^ ALAW_EVEN_BITS);
    }

    /** Decodes one µ-law code to a 16-bit linear sample (range -32124..32124). */
    public static short decodeUlaw(byte code) {
        return ULAW_TO_LINEAR[code & 0xFF];
    }

    /** Decodes one A-law code to a 16-bit linear sample (range -32256..32256). */
    public static short decodeAlaw(byte code) {
        return ALAW_TO_LINEAR[code & 0xFF];
    }

    static short[] ulawTable() {
        return ULAW_TO_LINEAR;
    }

    static short[] alawTable() {
        return ALAW_TO_LINEAR;
    }

    /** G.191 {@code ulaw_expand}: mid-point of the code's step, 14-bit value left-justified. */
    private static short expandUlaw(int code) {
        int inverted = ~code & 0x7F;
        int exponent = inverted >> 4;
        int mantissa = inverted & 0x0F;
        int step = 4 << (exponent + 1);
        int magnitude = (0x80 << exponent) + step * mantissa + step / 2 - 4 * ULAW_BIAS;
        return (short) (code >= 0x80 ? magnitude : -magnitude);
    }

    /** G.191 {@code alaw_expand}: mid-point of the code's step, 13-bit value left-justified. */
    private static short expandAlaw(int code) {
        int toggled = (code ^ ALAW_EVEN_BITS) & 0x7F;
        int exponent = toggled >> 4;
        int mantissa = toggled & 0x0F;
        if (exponent > 0) {
            mantissa += 16; // leading one of segments 1..7
        }
        int magnitude = (mantissa << 4) + 8;
        if (exponent > 1) {
            magnitude <<= exponent - 1;
        }
        return (short) (code >= 0x80 ? magnitude : -magnitude);
    }
}
