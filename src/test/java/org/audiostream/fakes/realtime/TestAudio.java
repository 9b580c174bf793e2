package org.audiostream.fakes.realtime;

import java.io.ByteArrayOutputStream;
import org.audiostream.media.G711;

/** Synthetic caller audio for the fake's tests: tones and digital silence in each Realtime input format. */
final class TestAudio {

    private TestAudio() {}

    /** A sine of {@code hz} at {@code amplitude} (linear, of 32767) for {@code ms}, in {@code format}. */
    static byte[] tone(String format, int ms, double hz, int amplitude) {
        int rate = format.equals("audio/pcm") ? 24_000 : 8_000;
        short[] samples = new short[rate / 1000 * ms];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return encode(format, samples);
    }

    static byte[] silence(String format, int ms) {
        int rate = format.equals("audio/pcm") ? 24_000 : 8_000;
        return encode(format, new short[rate / 1000 * ms]);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** 16-bit little-endian PCM of {@code samples}. */
    static byte[] pcm16le(short[] samples) {
        byte[] out = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            out[2 * i] = (byte) samples[i];
            out[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return out;
    }

    private static byte[] encode(String format, short[] samples) {
        return switch (format) {
            case "audio/pcm" -> pcm16le(samples);
            case "audio/pcmu", "audio/pcma" -> {
                byte[] out = new byte[samples.length];
                for (int i = 0; i < samples.length; i++) {
                    out[i] = format.equals("audio/pcmu") ? G711.encodeUlaw(samples[i]) : G711.encodeAlaw(samples[i]);
                }
                yield out;
            }
            default -> throw new IllegalArgumentException("format " + format);
        };
    }
}
