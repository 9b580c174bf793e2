package org.audiostream.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A RIFF/WAVE file held in memory as interleaved 16-bit samples. Reads 16-bit PCM (format tag 1),
 * 8-bit A-law (6) and 8-bit µ-law (7), mono or stereo; writes 16-bit PCM. Anything else (other
 * tags, WAVE_FORMAT_EXTENSIBLE, other bit depths, inconsistent header fields, truncated chunks) is
 * rejected with an {@link IOException} that names the field, its value and what is accepted. A
 * data chunk whose declared size is a streaming placeholder (at least {@code 0x7F000000}, as
 * {@code espeak-ng --stdout} writes) runs to the end of the input.
 *
 * <p>Threads: immutable after construction except that {@link #samples()} exposes the array
 * without copying; share it only if nobody writes to that array.
 */
public final class WavFile {

    /** How the samples were stored in the file that was read. */
    public enum Encoding {
        PCM_16(1, 16),
        ALAW(6, 8),
        ULAW(7, 8);

        private final int formatTag;
        private final int bitsPerSample;

        Encoding(int formatTag, int bitsPerSample) {
            this.formatTag = formatTag;
            this.bitsPerSample = bitsPerSample;
        }

        /** The WAVE format tag. */
        public int formatTag() {
            return formatTag;
        }

        /** Bits of one stored sample. */
        public int bitsPerSample() {
            return bitsPerSample;
        }
    }

    private static final int RIFF = 0x46464952; // "RIFF" little-endian
    private static final int WAVE = 0x45564157;
    private static final int FMT = 0x20746D66;
    private static final int DATA = 0x61746164;
    private static final long STREAMING_SIZE_FLOOR = 0x7F000000L;
    private static final int MAX_SAMPLE_RATE = 384_000;

    private final int sampleRate;
    private final int channels;
    private final short[] samples;
    private final Encoding encoding;

    /**
     * A 16-bit PCM file.
     *
     * @param samples interleaved samples; the length must be a multiple of {@code channels}
     * @throws IllegalArgumentException if a parameter is out of range
     */
    public WavFile(int sampleRate, int channels, short[] samples) {
        this(sampleRate, channels, samples, Encoding.PCM_16);
    }

    private WavFile(int sampleRate, int channels, short[] samples, Encoding encoding) {
        if (sampleRate < 1 || sampleRate > MAX_SAMPLE_RATE) {
            throw new IllegalArgumentException("WAV sample rate out of range: sampleRate=" + sampleRate
                    + " not in 1.." + MAX_SAMPLE_RATE);
        }
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("WAV channel count not supported: channels=" + channels
                    + " is not 1 or 2");
        }
        if (samples.length % channels != 0) {
            throw new IllegalArgumentException("WAV samples not whole frames: samples=" + samples.length
                    + " is not a multiple of channels=" + channels);
        }
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.samples = samples;
        this.encoding = encoding;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int channels() {
        return channels;
    }

    /** Interleaved samples (not a copy). */
    public short[] samples() {
        return samples;
    }

    /** The stored encoding of the file this came from; {@link Encoding#PCM_16} when built in memory. */
    public Encoding encoding() {
        return encoding;
    }

    /** Samples per channel. */
    public int frames() {
        return samples.length / channels;
    }

    /** Reads and parses a whole file. */
    public static WavFile read(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        try {
            return parse(bytes);
        } catch (IOException e) {
            throw new IOException(e.getMessage() + " (file " + path + ")", e);
        }
    }

    /** Reads the stream to its end and parses it; does not close it. */
    public static WavFile read(InputStream in) throws IOException {
        return parse(in.readAllBytes());
    }

    /** Parses a whole RIFF/WAVE image. */
    public static WavFile parse(byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || buf.getInt(0) != RIFF || buf.getInt(8) != WAVE) {
            throw new IOException("WAV header invalid: bytes=" + bytes.length + " do not start with RIFF....WAVE");
        }
        buf.position(12);
        Format format = null;
        while (buf.remaining() >= 8) {
            int id = buf.getInt();
            long size = Integer.toUnsignedLong(buf.getInt());
            long available = buf.remaining();
            if (id == DATA) {
                if (format == null) {
                    throw new IOException("WAV data chunk before fmt chunk: offset=" + (buf.position() - 8));
                }
                if (size > available && size < STREAMING_SIZE_FLOOR) {
                    throw new IOException("WAV data chunk truncated: declared=" + size + " bytes > available="
                            + available + " bytes");
                }
                int length = (int) Math.min(size, available);
                return new WavFile(format.sampleRate, format.channels, decode(buf, length, format), format.encoding);
            }
            if (size > available) {
                throw new IOException("WAV chunk truncated: chunk=" + fourCc(id) + " declared=" + size
                        + " bytes > available=" + available + " bytes");
            }
            if (id == FMT) {
                format = Format.parse(buf.slice(buf.position(), (int) size).order(ByteOrder.LITTLE_ENDIAN));
            }
            // Chunks are word-aligned: an odd-sized chunk is followed by one pad byte.
            buf.position((int) Math.min(buf.limit(), buf.position() + size + (size & 1)));
        }
        throw new IOException("WAV data chunk missing: bytes=" + bytes.length);
    }

    /** The file image: 44-byte canonical header and 16-bit PCM data. */
    public byte[] toBytes() {
        int dataBytes = samples.length * 2;
        ByteBuffer buf = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(RIFF).putInt(36 + dataBytes).putInt(WAVE);
        buf.putInt(FMT).putInt(16).putShort((short) 1).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16);
        buf.putInt(DATA).putInt(dataBytes);
        for (short s : samples) {
            buf.putShort(s);
        }
        return buf.array();
    }

    /** Writes {@link #toBytes()} to {@code path}, replacing it. */
    public void write(Path path) throws IOException {
        Files.write(path, toBytes());
    }

    /** The fields of a fmt chunk that matter once it has been validated. */
    private record Format(Encoding encoding, int channels, int sampleRate) {

        static Format parse(ByteBuffer chunk) throws IOException {
            if (chunk.remaining() < 16) {
                throw new IOException("WAV fmt chunk too short: size=" + chunk.remaining() + " < 16");
            }
            int tag = Short.toUnsignedInt(chunk.getShort(0));
            int channels = Short.toUnsignedInt(chunk.getShort(2));
            long sampleRate = Integer.toUnsignedLong(chunk.getInt(4));
            long byteRate = Integer.toUnsignedLong(chunk.getInt(8));
            int blockAlign = Short.toUnsignedInt(chunk.getShort(12));
            int bits = Short.toUnsignedInt(chunk.getShort(14));
            Encoding encoding = null;
            for (Encoding e : Encoding.values()) {
                if (e.formatTag == tag) {
                    encoding = e;
                }
            }
            if (encoding == null) {
                throw new IOException("WAV format not supported: formatTag=0x" + Integer.toHexString(tag)
                        + " is not 1 (PCM), 6 (A-law) or 7 (µ-law)");
            }
            if (bits != encoding.bitsPerSample) {
                throw new IOException("WAV bit depth not supported: bitsPerSample=" + bits + " != "
                        + encoding.bitsPerSample + " (formatTag=" + tag + ")");
            }
            if (channels != 1 && channels != 2) {
                throw new IOException("WAV channel count not supported: channels=" + channels + " is not 1 or 2");
            }
            if (sampleRate < 1 || sampleRate > MAX_SAMPLE_RATE) {
                throw new IOException("WAV sample rate out of range: sampleRate=" + sampleRate
                        + " not in 1.." + MAX_SAMPLE_RATE);
            }
            int expectedAlign = channels * bits / 8;
            if (blockAlign != expectedAlign || byteRate != sampleRate * expectedAlign) {
                throw new IOException("WAV fmt chunk inconsistent: blockAlign=" + blockAlign + " byteRate="
                        + byteRate + ", expected " + expectedAlign + " and " + sampleRate * expectedAlign);
            }
            return new Format(encoding, channels, (int) sampleRate);
        }
    }

    private static short[] decode(ByteBuffer buf, int length, Format format) throws IOException {
        Encoding encoding = format.encoding;
        int bytesPerFrame = format.channels * encoding.bitsPerSample / 8;
        if (length % bytesPerFrame != 0) {
            throw new IOException("WAV data not whole frames: bytes=" + length + " is not a multiple of "
                    + bytesPerFrame);
        }
        short[] out = new short[length * 8 / encoding.bitsPerSample];
        switch (encoding) {
            case PCM_16 -> buf.asShortBuffer().get(out);
            case ALAW, ULAW -> {
                byte[] codes = new byte[length];
                buf.get(codes);
                (encoding == Encoding.ALAW ? G711Law.PCMA : G711Law.PCMU).decode(codes, 0, out, 0, length);
            }
        }
        return out;
    }

    private static String fourCc(int id) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            int b = (id >>> (8 * i)) & 0xFF;
            c[i] = b >= 0x20 && b < 0x7F ? (char) b : '?';
        }
        return new String(c);
    }

    @Override
    public String toString() {
        return "WavFile[" + encoding + " " + sampleRate + " Hz " + channels + " ch " + frames() + " frames]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WavFile w && w.sampleRate == sampleRate && w.channels == channels
                && w.encoding == encoding && java.util.Arrays.equals(w.samples, samples);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sampleRate, channels, encoding, java.util.Arrays.hashCode(samples));
    }
}
