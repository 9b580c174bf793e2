package org.audiostream.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.audiostream.testing.AsteriskSounds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavFileTest {

    @TempDir
    Path dir;

    @Test
    void pcmWrittenThenReadIsIdentical() throws IOException {
        short[] stereo = {1, -1, 32767, -32768, 1234, -4321};
        WavFile wav = new WavFile(16000, 2, stereo);
        Path file = dir.resolve("s.wav");
        wav.write(file);

        WavFile back = WavFile.read(file);
        assertThat(back).isEqualTo(wav);
        assertThat(back.frames()).isEqualTo(3);
        assertThat(back.encoding()).isEqualTo(WavFile.Encoding.PCM_16);
        assertThat(Files.size(file)).isEqualTo(44 + 12);
    }

    @Test
    void canonicalHeaderBytes() {
        byte[] bytes = new WavFile(8000, 1, new short[] {0x0102}).toBytes();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(bytes, 0, 4)).isEqualTo("RIFF");
        assertThat(b.getInt(4)).isEqualTo(38);
        assertThat(new String(bytes, 8, 8)).isEqualTo("WAVEfmt ");
        assertThat(b.getInt(16)).isEqualTo(16);
        assertThat(b.getShort(20)).isEqualTo((short) 1);
        assertThat(b.getShort(22)).isEqualTo((short) 1);
        assertThat(b.getInt(24)).isEqualTo(8000);
        assertThat(b.getInt(28)).isEqualTo(16000);
        assertThat(b.getShort(32)).isEqualTo((short) 2);
        assertThat(b.getShort(34)).isEqualTo((short) 16);
        assertThat(new String(bytes, 36, 4)).isEqualTo("data");
        assertThat(b.getInt(40)).isEqualTo(2);
        assertThat(bytes[44]).isEqualTo((byte) 0x02);
        assertThat(bytes[45]).isEqualTo((byte) 0x01);
    }

    @Test
    void readsG711WithAnExtraChunkBeforeData() throws IOException {
        byte[] codes = {(byte) 0xFF, (byte) 0x80, 0x00, 0x7E, 0x11};
        for (WavFile.Encoding encoding : new WavFile.Encoding[] {WavFile.Encoding.ULAW, WavFile.Encoding.ALAW}) {
            byte[] image = riff(fmt(encoding.formatTag(), 1, 8000, 8000, 1, 8, 18),
                    chunk("fact", new byte[] {5, 0, 0, 0}), chunk("LIST", new byte[] {1, 2, 3}), chunk("data", codes));
            WavFile wav = WavFile.read(new ByteArrayInputStream(image));
            G711Law law = encoding == WavFile.Encoding.ULAW ? G711Law.PCMU : G711Law.PCMA;
            short[] expected = new short[codes.length];
            law.decode(codes, 0, expected, 0, codes.length);
            assertThat(wav.samples()).containsExactly(expected);
            assertThat(wav.encoding()).isEqualTo(encoding);
            assertThat(wav.sampleRate()).isEqualTo(8000);
            assertThat(wav.channels()).isEqualTo(1);
        }
    }

    @Test
    void streamingPlaceholderSizeRunsToTheEnd() throws IOException {
        byte[] data = {1, 0, 2, 0, 3, 0};
        byte[] image = riff(fmt(1, 1, 22050, 44100, 2, 16, 16), chunk("data", data));
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 0x7FFFF000); // espeak-ng --stdout
        assertThat(WavFile.parse(image).samples()).containsExactly((short) 1, (short) 2, (short) 3);
    }

    @Test
    void readsAnAsteriskPrompt() throws IOException {
        WavFile wav = WavFile.read(AsteriskSounds.prompt("demo-congrats.wav"));
        assertThat(wav.sampleRate()).isEqualTo(8000);
        assertThat(wav.channels()).isEqualTo(1);
        assertThat(wav.frames()).isEqualTo(242214);
    }

    @Test
    void rejectsUnsupportedAndBrokenFiles() {
        byte[] pcm = {0, 0};
        assertRejected(riff(fmt(3, 1, 8000, 32000, 4, 32, 16), chunk("data", new byte[4])),
                "WAV format not supported: formatTag=0x3 is not 1 (PCM), 6 (A-law) or 7 (µ-law)");
        assertRejected(riff(fmt(0xFFFE, 1, 8000, 16000, 2, 16, 40), chunk("data", pcm)),
                "WAV format not supported: formatTag=0xfffe is not 1 (PCM), 6 (A-law) or 7 (µ-law)");
        assertRejected(riff(fmt(1, 1, 8000, 8000, 1, 8, 16), chunk("data", pcm)),
                "WAV bit depth not supported: bitsPerSample=8 != 16 (formatTag=1)");
        assertRejected(riff(fmt(1, 3, 8000, 48000, 6, 16, 16), chunk("data", new byte[6])),
                "WAV channel count not supported: channels=3 is not 1 or 2");
        assertRejected(riff(fmt(1, 1, 8000, 8000, 2, 16, 16), chunk("data", pcm)),
                "WAV fmt chunk inconsistent: blockAlign=2 byteRate=8000, expected 2 and 16000");
        assertRejected(riff(fmt(1, 1, 0, 0, 2, 16, 16), chunk("data", pcm)),
                "WAV sample rate out of range: sampleRate=0 not in 1..384000");
        assertRejected(riff(chunk("data", pcm)), "WAV data chunk before fmt chunk: offset=12");
        assertRejected(riff(fmt(1, 1, 8000, 16000, 2, 16, 16)), "WAV data chunk missing: bytes=36");
        assertRejected(riff(fmt(1, 2, 8000, 32000, 4, 16, 16), chunk("data", new byte[6])),
                "WAV data not whole frames: bytes=6 is not a multiple of 4");
        byte[] truncated = riff(fmt(1, 1, 8000, 16000, 2, 16, 16), chunk("data", new byte[8]));
        ByteBuffer.wrap(truncated).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 100);
        assertRejected(truncated, "WAV data chunk truncated: declared=100 bytes > available=8 bytes");
        assertRejected(new byte[] {'R', 'I', 'F', 'X', 0, 0, 0, 0, 'W', 'A', 'V', 'E'},
                "WAV header invalid: bytes=12 do not start with RIFF....WAVE");
    }

    @Test
    void readNamesTheFile() throws IOException {
        Path file = dir.resolve("bad.wav");
        Files.write(file, new byte[3]);
        assertThatThrownBy(() -> WavFile.read(file)).isInstanceOf(IOException.class)
                .hasMessage("WAV header invalid: bytes=3 do not start with RIFF....WAVE (file " + file + ")");
    }

    @Test
    void constructorRejectsBadParameters() {
        assertThatThrownBy(() -> new WavFile(8000, 2, new short[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("WAV samples not whole frames: samples=3 is not a multiple of channels=2");
        assertThatThrownBy(() -> new WavFile(8000, 0, new short[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("WAV channel count not supported: channels=0 is not 1 or 2");
    }

    private static void assertRejected(byte[] image, String message) {
        assertThatThrownBy(() -> WavFile.parse(image)).isInstanceOf(IOException.class).hasMessage(message);
    }

    private static byte[] fmt(int tag, int channels, int rate, int byteRate, int align, int bits, int size) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) tag).putShort((short) channels).putInt(rate).putInt(byteRate)
                .putShort((short) align).putShort((short) bits);
        return chunk("fmt ", b.array());
    }

    private static byte[] chunk(String id, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length + (body.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(id.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(body.length).put(body);
        return b.array();
    }

    private static byte[] riff(byte[]... chunks) {
        int size = 4;
        for (byte[] c : chunks) {
            size += c.length;
        }
        ByteBuffer b = ByteBuffer.allocate(8 + size).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(size)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (byte[] c : chunks) {
            b.put(c);
        }
        return b.array();
    }
}
