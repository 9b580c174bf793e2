package org.audiostream.stream.ws;

import java.util.Objects;

/**
 * What one text message from the stream target means, as decoded by its dialect's {@link MessageDecoder}.
 * The session acts on it: injects {@link Audio} and {@link MulawAudio}, flushes on {@link Clear}, queues a {@link Mark}, writes
 * {@link FileAudio} to a file, turns {@link Json} into a {@code mod_audio_stream::json} event, and for
 * {@link Rejected} logs an ERROR and fires {@code mod_audio_stream::json} with the original text
 * (mod_audio_stream §1.4). Threads: immutable records (the arrays are handed over, not copied: do not
 * modify them).
 */
public sealed interface StreamAudioMessage {

    /**
     * {@code streamAudio} raw PCM to inject: signed 16-bit little-endian, interleaved when stereo.
     *
     * @param pcm the decoded samples, trimmed to whole sample frames
     * @param sampleRate in {@link StreamAudioDecoder#MIN_INJECT_SAMPLE_RATE}-{@link StreamAudioDecoder#MAX_INJECT_SAMPLE_RATE} Hz
     * @param channels 1 or 2
     * @param trimmedBytes bytes dropped from the end to reach whole sample frames (an odd byte, or a half
     *     stereo frame); the session counts them
     * @param dataJson the {@code data} object without {@code audioData}, for the {@code play} event
     */
    record Audio(byte[] pcm, int sampleRate, int channels, int trimmedBytes, String dataJson)
            implements StreamAudioMessage {
        public Audio {
            Objects.requireNonNull(pcm, "pcm");
            Objects.requireNonNull(dataJson, "dataJson");
        }
    }

    /**
     * Twilio {@code media}: G.711 μ-law at 8 kHz, mono, to inject.
     *
     * @param ulaw the decoded payload, at least one byte
     */
    record MulawAudio(byte[] ulaw) implements StreamAudioMessage {
        public MulawAudio {
            Objects.requireNonNull(ulaw, "ulaw");
        }
    }

    /**
     * Flush the inject buffer (barge-in) and report pending marks as cleared.
     *
     * @param via which form asked for it: {@code streamAudio.clear}, {@code clear}, {@code killAudio} or
     *     {@code clearAudio}
     */
    record Clear(String via) implements StreamAudioMessage {
    }

    /** A jambonz-style mark to acknowledge when playout reaches the audio received before it. */
    record Mark(String name) implements StreamAudioMessage {
        public Mark {
            Objects.requireNonNull(name, "name");
        }
    }

    /** Drop pending marks without acknowledging them. */
    record ClearMarks() implements StreamAudioMessage {
    }

    /**
     * Legacy file mode: the session writes {@code data} to {@code <tmp>/<uuid>_<n>.tmp<fileSuffix>} and fires
     * {@code mod_audio_stream::play} with {@code dataJson} plus {@code "file"}.
     *
     * @param audioDataType {@code raw}, {@code wav}, {@code mp3}, {@code ogg}, {@code pcmu} or {@code pcma}
     * @param sampleRate the declared rate, or 0 when the message had none (allowed except for raw)
     * @param fileSuffix {@code .r8 .r16 .r24 .r32 .r48 .r64} for raw, else {@code .wav .mp3 .ogg .pcmu .pcma}
     */
    record FileAudio(byte[] data, String audioDataType, int sampleRate, String fileSuffix, String dataJson)
            implements StreamAudioMessage {
        public FileAudio {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(fileSuffix, "fileSuffix");
            Objects.requireNonNull(dataJson, "dataJson");
        }
    }

    /** Any other text (valid JSON that is none of the above), to pass on verbatim as a {@code json} event. */
    record Json(String text) implements StreamAudioMessage {
    }

    /**
     * A message that looked like one of ours but cannot be used.
     *
     * @param reason what is wrong, with the offending value and the limit
     * @param originalText the message as received, base64 included
     */
    record Rejected(String reason, String originalText) implements StreamAudioMessage {
    }
}
