package org.audiostream.fakes.realtime;

import java.util.Objects;

/**
 * What the fake answers the next time a response starts ({@code response.create}, or server VAD with
 * {@code create_response}). A server plays its scripts in order across all its sessions; when none is left it
 * answers with {@link #defaultReply()}.
 *
 * <p>The output modality of the response decides how a script is spoken: an {@link Audio} script in a text
 * response sends its transcript as text; a {@link Text} script in an audio response is voiced with
 * {@link SyntheticVoice} (250 ms per word). {@link FunctionCall} and {@link Error} ignore the modality.
 *
 * <p>Threads: immutable (arrays are copied in and out).
 */
public sealed interface ScriptedResponse {

    /**
     * Audio deltas with their transcript. The samples are 24 kHz mono; the fake sends them in the session's
     * output format, see {@link Audio#encodedAs(String)}.
     */
    static Audio audio(short[] samples24k, String transcript) {
        return new Audio(samples24k, transcript);
    }

    /** As {@link #audio(short[], String)}, from 16-bit little-endian PCM at 24 kHz. */
    static Audio audio(byte[] pcm16le24k, String transcript) {
        return audio(AudioFormat.PCM24.decode(pcm16le24k), transcript);
    }

    /** Text deltas, one per word (a word keeps its leading space, as the service's deltas do). */
    static Text text(String text) {
        return new Text(Objects.requireNonNull(text, "text"));
    }

    /** A function call item: {@code response.function_call_arguments.delta}s, then {@code .done}. */
    static FunctionCall functionCall(String name, String argumentsJson) {
        return new FunctionCall(Objects.requireNonNull(name, "name"), Objects.requireNonNull(argumentsJson, "argumentsJson"));
    }

    /** An {@code error} event ({@code invalid_request_error}) instead of a response. */
    static Error error(String code, String message) {
        return new Error(ProtocolError.INVALID_REQUEST, code, Objects.requireNonNull(message, "message"));
    }

    /** An {@code error} event of any {@code error.type} (e.g. {@code server_error}) instead of a response. */
    static Error error(String type, String code, String message) {
        return new Error(Objects.requireNonNull(type, "type"), code, Objects.requireNonNull(message, "message"));
    }

    /** What the fake says when its script is used up: 1.2 s of {@link SyntheticVoice} and a one-line transcript. */
    static Audio defaultReply() {
        String transcript = "This is the fake Realtime assistant.";
        return new Audio(SyntheticVoice.speak(1_200), transcript);
    }

    /** Audio at 24 kHz and the transcript sent with it. */
    record Audio(short[] samples24k, String transcript) implements ScriptedResponse {

        public Audio {
            samples24k = samples24k.clone();
            Objects.requireNonNull(transcript, "transcript");
        }

        /** A copy of the 24 kHz samples. */
        @Override
        public short[] samples24k() {
            return samples24k.clone();
        }

        /**
         * The exact bytes the fake sends for this script in the output format {@code formatType}
         * ({@code "audio/pcm"}, {@code "audio/pcmu"}, {@code "audio/pcma"}): PCM is the samples as 16-bit LE;
         * G.711 is the samples resampled to 8 kHz, aligned (output sample i is input sample 3i), then companded
         * bit-exact per ITU-T G.711 / G.191.
         */
        public byte[] encodedAs(String formatType) {
            return AudioFormat.forType(formatType).encode24k(samples24k);
        }

        /** Duration in milliseconds. */
        public long durationMs() {
            return samples24k.length / (AudioFormat.PCM_RATE / 1000);
        }
    }

    record Text(String text) implements ScriptedResponse {}

    record FunctionCall(String name, String argumentsJson) implements ScriptedResponse {}

    /** @param code the error code (may be null, as some service errors are) */
    record Error(String type, String code, String message) implements ScriptedResponse {}
}
