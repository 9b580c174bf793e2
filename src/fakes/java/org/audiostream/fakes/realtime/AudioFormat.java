package org.audiostream.fakes.realtime;

import java.util.Arrays;
import org.audiostream.media.G711;
import org.audiostream.media.PolyphaseResampler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The three GA Realtime audio formats ({@code audio.input.format}, {@code audio.output.format}): 16-bit
 * little-endian PCM at 24 kHz, and G.711 µ-law / A-law at 8 kHz, one byte per sample. Converts between the
 * wire bytes and linear samples; scripted audio is always written at 24 kHz and converted here.
 *
 * <p>Threads: immutable and thread-safe; every method allocates its own buffers.
 */
enum AudioFormat {
    PCM24("audio/pcm", 24_000, 2),
    PCMU("audio/pcmu", 8_000, 1),
    PCMA("audio/pcma", 8_000, 1);

    /** The only PCM rate GA accepts; lower rates are {@code integer_below_min_value}. */
    static final int PCM_RATE = 24_000;

    private final String type;
    private final int sampleRate;
    private final int bytesPerSample;

    AudioFormat(String type, int sampleRate, int bytesPerSample) {
        this.type = type;
        this.sampleRate = sampleRate;
        this.bytesPerSample = bytesPerSample;
    }

    /** The wire name, {@code "audio/pcm"}, {@code "audio/pcmu"} or {@code "audio/pcma"}. */
    String type() {
        return type;
    }

    int sampleRate() {
        return sampleRate;
    }

    /** Bytes per millisecond of audio: 48 for PCM 24 kHz, 8 for G.711. */
    int bytesPerMs() {
        return sampleRate / 1000 * bytesPerSample;
    }

    /** The format named by a {@code {"type":...}} object of the effective session; PCM if absent. */
    static AudioFormat of(JsonNode format) {
        String name = format == null ? "" : format.path("type").asString("");
        return forType(name);
    }

    /** The format for a wire name; PCM for anything else (the session shape has validated it already). */
    static AudioFormat forType(String name) {
        for (AudioFormat f : values()) {
            if (f.type.equals(name)) {
                return f;
            }
        }
        return PCM24;
    }

    /** The format object as the server echoes it: {@code {"type":"audio/pcm","rate":24000}} or {@code {"type":"audio/pcmu"}}. */
    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("type", type);
        if (this == PCM24) {
            node.put("rate", PCM_RATE);
        }
        return node;
    }

    /** Decodes whole samples of {@code bytes} to linear 16-bit samples (a trailing odd PCM byte is ignored). */
    short[] decode(byte[] bytes) {
        short[] out = new short[bytes.length / bytesPerSample];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (this) {
                case PCM24 -> (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
                case PCMU -> G711.decodeUlaw(bytes[i]);
                case PCMA -> G711.decodeAlaw(bytes[i]);
            };
        }
        return out;
    }

    /**
     * Encodes 24 kHz samples in this format. PCM is copied as little-endian bytes. G.711 first resamples
     * to 8 kHz (polyphase, {@link PolyphaseResampler.Quality#HIGH}, the filter delay removed so sample
     * {@code i} of the output lines up with sample {@code 3i} of the input), then companded per G.711
     * (bit-exact with the ITU-T G.191 reference). The result is {@code samples.length / 3} bytes.
     */
    byte[] encode24k(short[] samples) {
        if (this == PCM24) {
            byte[] out = new byte[samples.length * 2];
            for (int i = 0; i < samples.length; i++) {
                out[2 * i] = (byte) samples[i];
                out[2 * i + 1] = (byte) (samples[i] >> 8);
            }
            return out;
        }
        short[] narrow = to8k(samples);
        byte[] out = new byte[narrow.length];
        for (int i = 0; i < narrow.length; i++) {
            out[i] = this == PCMU ? G711.encodeUlaw(narrow[i]) : G711.encodeAlaw(narrow[i]);
        }
        return out;
    }

    private static short[] to8k(short[] samples) {
        PolyphaseResampler resampler = PolyphaseResampler.create(PCM_RATE, 8_000, PolyphaseResampler.Quality.HIGH);
        int delay = resampler.delay();
        int wanted = samples.length / 3;
        short[] padded = Arrays.copyOf(samples, samples.length + 3 * delay + 3); // flushes the filter's tail
        short[] out = new short[resampler.maxOutput(padded.length)];
        int produced = resampler.process(padded, 0, padded.length, out, 0);
        return Arrays.copyOfRange(out, delay, Math.min(produced, delay + wanted));
    }
}
