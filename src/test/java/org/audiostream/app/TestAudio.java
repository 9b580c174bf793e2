package org.audiostream.app;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Audio for gateway tests: sine tones, the app's {@code streamAudio} messages carrying them (base64 L16
 * little-endian), and a tone detector for what the caller heard (8 kHz). Threads: stateless.
 */
final class TestAudio {

    /** Blocks of 20 ms at 8 kHz, the caller's packet size. */
    private static final int BLOCK = 160;
    /** A block is "the tone" when at least this share of its energy is at the tone's frequency. */
    private static final double TONE_SHARE = 0.6;
    /** ... and it is louder than this RMS (about -40 dBFS). */
    private static final double MIN_RMS = 300;

    private TestAudio() {
    }

    /** {@code millis} of a sine at {@code hz}, sampled at {@code rate}, peak {@code amplitude}. */
    static short[] sine(int rate, double hz, int millis, int amplitude) {
        short[] pcm = new short[rate * millis / 1000];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return pcm;
    }

    /** 16-bit little-endian bytes of {@code pcm}. */
    static byte[] l16le(short[] pcm, int from, int to) {
        byte[] out = new byte[(to - from) * 2];
        for (int i = from; i < to; i++) {
            out[2 * (i - from)] = (byte) pcm[i];
            out[2 * (i - from) + 1] = (byte) (pcm[i] >> 8);
        }
        return out;
    }

    /** One {@code streamAudio} message carrying all of {@code pcm}. */
    static String streamAudio(short[] pcm, int rate) {
        return streamAudioJson(Base64.getEncoder().encodeToString(l16le(pcm, 0, pcm.length)), rate);
    }

    /** {@code pcm} cut into {@code streamAudio} messages of {@code chunkMs} each, as apps stream it. */
    static List<String> streamAudioChunks(short[] pcm, int rate, int chunkMs) {
        int chunk = rate * chunkMs / 1000;
        List<String> messages = new ArrayList<>();
        for (int from = 0; from < pcm.length; from += chunk) {
            byte[] bytes = l16le(pcm, from, Math.min(pcm.length, from + chunk));
            messages.add(streamAudioJson(Base64.getEncoder().encodeToString(bytes), rate));
        }
        return messages;
    }

    /** One {@code streamAudio} message with {@code "channels":2}: {@code left} and {@code right} interleaved. */
    static String streamAudioStereo(short[] left, short[] right, int rate) {
        short[] interleaved = new short[2 * left.length];
        for (int i = 0; i < left.length; i++) {
            interleaved[2 * i] = left[i];
            interleaved[2 * i + 1] = right[i];
        }
        String base64 = Base64.getEncoder().encodeToString(l16le(interleaved, 0, interleaved.length));
        return "{\"type\":\"streamAudio\",\"data\":{\"audioDataType\":\"raw\",\"sampleRate\":" + rate
                + ",\"channels\":2,\"audioData\":\"" + base64 + "\"}}";
    }

    /** {@code pcm} as raw L16 binary frames of {@code chunkMs} each. */
    static List<byte[]> l16leChunks(short[] pcm, int rate, int chunkMs) {
        int chunk = rate * chunkMs / 1000;
        List<byte[]> frames = new ArrayList<>();
        for (int from = 0; from < pcm.length; from += chunk) {
            frames.add(l16le(pcm, from, Math.min(pcm.length, from + chunk)));
        }
        return frames;
    }

    /** A {@code streamAudio} message with {@code base64} as its {@code audioData}, unchecked. */
    static String streamAudioJson(String base64, int rate) {
        return "{\"type\":\"streamAudio\",\"data\":{\"audioDataType\":\"raw\",\"sampleRate\":" + rate
                + ",\"audioData\":\"" + base64 + "\"}}";
    }

    /** A mark request ({@code {"type":"mark","data":{"name":…}}}). */
    static String mark(String name) {
        return "{\"type\":\"mark\",\"data\":{\"name\":\"" + name + "\"}}";
    }

    /** The acknowledgement the gateway sends when playout reaches a mark, or a clear drops it. */
    static String markAck(String name, String event) {
        return "{\"type\":\"mark\",\"data\":{\"name\":\"" + name + "\",\"event\":\"" + event + "\"}}";
    }

    /** Milliseconds of {@code heard} (8 kHz) that are the tone {@code hz}, counted in 20 ms blocks. */
    static long toneMillis(short[] heard, double hz) {
        return toneBlocks(heard, hz).size() * 20L;
    }

    /** Start times (ms) of the 20 ms blocks of {@code heard} (8 kHz) that are the tone {@code hz}. */
    static List<Long> toneBlocks(short[] heard, double hz) {
        List<Long> blocks = new ArrayList<>();
        for (int from = 0; from + BLOCK <= heard.length; from += BLOCK) {
            double energy = 0;
            for (int i = from; i < from + BLOCK; i++) {
                energy += (double) heard[i] * heard[i];
            }
            if (Math.sqrt(energy / BLOCK) >= MIN_RMS && toneEnergy(heard, from, hz) >= TONE_SHARE * energy) {
                blocks.add(from / 8L);
            }
        }
        return blocks;
    }

    /** Energy of one block at {@code hz} (Goertzel), scaled to compare with the block's total energy. */
    private static double toneEnergy(short[] x, int from, double hz) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / 8000);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < from + BLOCK; i++) {
            double s0 = x[i] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return 2 * power / BLOCK;   // Parseval: a pure tone's total energy is 2|X(k)|^2 / N
    }
}
