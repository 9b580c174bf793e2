package org.audiostream.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Checks {@link G711} and {@link G711Law} against an independent reference written here from the
 * G.711 segment tables (Table 1a A-law, Table 2a µ-law) with the ITU-T G.191 input convention:
 * A-law quantises the 13 MSBs of the 16-bit sample, µ-law the 14 MSBs, and a negative sample's
 * magnitude is its one's complement ({@code -1 - x}), so -1 has magnitude 0.
 */
class G711Test {

    // A-law, magnitude = (one's complement of x) >> 4, i.e. the 4096-step scale of Table 1a halved.
    private static final int[] ALAW_SEGMENT_END = {16, 32, 64, 128, 256, 512, 1024, 2048};
    private static final int[] ALAW_SEGMENT_START = {0, 16, 32, 64, 128, 256, 512, 1024};
    private static final int[] ALAW_STEP = {1, 1, 2, 4, 8, 16, 32, 64};

    // µ-law, magnitude = (one's complement of x) >> 2, the 8159 scale of Table 2a. Segment 0 starts
    // with a one-wide interval [0, 1) and then steps of 2, so it is modelled as starting at -1.
    private static final int[] ULAW_SEGMENT_END = {31, 95, 223, 479, 991, 2015, 4063, 8159};
    private static final int[] ULAW_SEGMENT_START = {-1, 31, 95, 223, 479, 991, 2015, 4063};
    private static final int[] ULAW_STEP = {2, 4, 8, 16, 32, 64, 128, 256};

    /** The only code that does not survive decode -> encode: µ-law negative zero (G.191 behaviour). */
    private static final int ULAW_NEGATIVE_ZERO = 0x7F;

    @Test
    void everyLinearSampleEncodesLikeTheSegmentTableReference() {
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
            short sample = (short) x;
            assertThat(G711.encodeAlaw(sample) & 0xFF).as("A-law x=%d", x).isEqualTo(referenceAlaw(x));
            assertThat(G711.encodeUlaw(sample) & 0xFF).as("µ-law x=%d", x).isEqualTo(referenceUlaw(x));
        }
    }

    @Test
    void everyCodeDecodesToTheMidpointOfItsInterval() {
        for (int code = 0; code < 256; code++) {
            assertThat(G711.decodeAlaw((byte) code)).as("A-law code=0x%02X", code).isEqualTo(referenceAlawValue(code));
            assertThat(G711.decodeUlaw((byte) code)).as("µ-law code=0x%02X", code).isEqualTo(referenceUlawValue(code));
        }
    }

    @Test
    void decodeThenEncodeReturnsTheSameCodeExceptUlawNegativeZero() {
        for (int code = 0; code < 256; code++) {
            assertThat(G711.encodeAlaw(G711.decodeAlaw((byte) code)) & 0xFF).isEqualTo(code);
            int ulaw = G711.encodeUlaw(G711.decodeUlaw((byte) code)) & 0xFF;
            // G.191 ulaw_expand maps both 0x7F and 0xFF to 0, and ulaw_compress(0) is 0xFF.
            assertThat(ulaw).as("µ-law code=0x%02X", code).isEqualTo(code == ULAW_NEGATIVE_ZERO ? 0xFF : code);
        }
        assertThat(G711.decodeUlaw((byte) 0x7F)).isZero();
    }

    @Test
    void wellKnownValuesFromG191() {
        assertThat(G711.encodeUlaw((short) 0) & 0xFF).isEqualTo(0xFF);
        assertThat(G711.encodeUlaw((short) -1) & 0xFF).isEqualTo(0x7F);
        assertThat(G711.encodeUlaw(Short.MAX_VALUE) & 0xFF).isEqualTo(0x80);
        assertThat(G711.encodeUlaw(Short.MIN_VALUE) & 0xFF).isEqualTo(0x00);
        assertThat(G711.encodeAlaw((short) 0) & 0xFF).isEqualTo(0xD5);
        assertThat(G711.encodeAlaw((short) -1) & 0xFF).isEqualTo(0x55);
        assertThat(G711.encodeAlaw(Short.MAX_VALUE) & 0xFF).isEqualTo(0xAA);
        assertThat(G711.encodeAlaw(Short.MIN_VALUE) & 0xFF).isEqualTo(0x2A);
        assertThat(G711.decodeUlaw((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(G711.decodeUlaw((byte) 0x00)).isEqualTo((short) -32124);
        assertThat(G711.decodeAlaw((byte) 0xAA)).isEqualTo((short) 32256);
        assertThat(G711.decodeAlaw((byte) 0xD5)).isEqualTo((short) 8);
    }

    @Test
    void bulkMethodsMatchTheSingleSampleMethods() {
        short[] linear = new short[65536];
        for (int i = 0; i < linear.length; i++) {
            linear[i] = (short) (i + Short.MIN_VALUE);
        }
        for (G711Law law : G711Law.values()) {
            byte[] codes = new byte[linear.length + 3];
            law.encode(linear, 0, codes, 3, linear.length);
            short[] decoded = new short[linear.length + 5];
            law.decode(codes, 3, decoded, 5, linear.length);
            for (int i = 0; i < linear.length; i++) {
                assertThat(codes[3 + i]).isEqualTo(law.encode(linear[i]));
                assertThat(decoded[5 + i]).isEqualTo(law.decode(codes[3 + i]));
            }
        }
        byte[] codes = new byte[256];
        short[] out = new short[256];
        for (int c = 0; c < 256; c++) {
            codes[c] = (byte) c;
        }
        G711Law.PCMU.decode(codes, 0, out, 0, 256);
        assertThat(out[0x80]).isEqualTo(G711.decodeUlaw((byte) 0x80));
        G711Law.PCMA.decode(codes, 0, out, 0, 256);
        assertThat(out[0x80]).isEqualTo(G711.decodeAlaw((byte) 0x80));
    }

    @Test
    void bulkMethodsRejectRangesOutsideTheArrays() {
        assertThatThrownBy(() -> G711Law.PCMU.decode(new byte[160], 1, new short[160], 0, 160))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> G711Law.PCMA.encode(new short[160], 0, new byte[159], 0, 160))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void payloadTypesFollowRfc3551() {
        assertThat(G711Law.forPayloadType(0)).isEqualTo(G711Law.PCMU);
        assertThat(G711Law.forPayloadType(8)).isEqualTo(G711Law.PCMA);
        assertThat(G711Law.PCMU.payloadType()).isZero();
        assertThat(G711Law.PCMA.payloadType()).isEqualTo(8);
        assertThat(G711Law.PCMU.encodingName()).isEqualTo("PCMU");
        assertThat(G711Law.PCMA.encodingName()).isEqualTo("PCMA");
        assertThat(G711Law.isG711(0)).isTrue();
        assertThat(G711Law.isG711(8)).isTrue();
        assertThat(G711Law.isG711(9)).isFalse();
        assertThatThrownBy(() -> G711Law.forPayloadType(18))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("G.711 payload type not supported: pt=18 is not 0 (PCMU) or 8 (PCMA)");
    }

    private static int onesComplementMagnitude(int x) {
        return x >= 0 ? x : -1 - x;
    }

    private static int referenceAlaw(int x) {
        int magnitude = onesComplementMagnitude(x) >> 4;
        int segment = 0;
        while (magnitude >= ALAW_SEGMENT_END[segment]) {
            segment++;
        }
        int interval = (magnitude - ALAW_SEGMENT_START[segment]) / ALAW_STEP[segment];
        int code = (x >= 0 ? 0x80 : 0) | (segment << 4) | interval;
        return code ^ 0x55;
    }

    private static int referenceUlaw(int x) {
        int magnitude = onesComplementMagnitude(x) >> 2;
        int segment = 0;
        while (segment < 7 && magnitude >= ULAW_SEGMENT_END[segment]) {
            segment++;
        }
        int interval = Math.min(15, (magnitude - ULAW_SEGMENT_START[segment]) / ULAW_STEP[segment]);
        return (x >= 0 ? 0x80 : 0) | (0x7F - ((segment << 4) | interval));
    }

    private static short referenceAlawValue(int code) {
        int bits = code ^ 0x55;
        int segment = (bits >> 4) & 7;
        int interval = bits & 0x0F;
        int start = ALAW_SEGMENT_START[segment] + interval * ALAW_STEP[segment];
        int midpoint16 = start * 16 + ALAW_STEP[segment] * 8; // scale 2048 -> 32768
        return (short) ((bits & 0x80) != 0 ? midpoint16 : -midpoint16);
    }

    private static short referenceUlawValue(int code) {
        int segment = 7 - ((code >> 4) & 7);
        int interval = 15 - (code & 0x0F);
        int midpoint14 = segment == 0 && interval == 0
                ? 0 // Table 2a: the first interval [0, 1) decodes to 0
                : ULAW_SEGMENT_START[segment] + interval * ULAW_STEP[segment] + ULAW_STEP[segment] / 2;
        int midpoint16 = midpoint14 * 4; // scale 8192 -> 32768
        return (short) ((code & 0x80) != 0 ? midpoint16 : -midpoint16);
    }
}
