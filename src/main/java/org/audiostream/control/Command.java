package org.audiostream.control;

import org.audiostream.media.MixMode;
import java.util.Objects;
import org.audiostream.stream.ws.WsProtocol;
import org.audiostream.stream.ws.WsUrl;

/**
 * One parsed {@code uuid_audio_stream} command. Produced by {@link CommandParser}; executed by the
 * session layer. Threads: immutable records.
 */
public sealed interface Command {

    /**
     * {@code <uuid> start <ws-url> <mono|mixed|stereo> [rate] [protocol=<name>] [metadata...]}; {@code sampleRate}
     * is {@link CommandParser#RATE_NOT_GIVEN} and {@code protocol} {@code null} when the command has none.
     */
    record Start(String uuid, WsUrl url, MixMode mix, int sampleRate, WsProtocol protocol, String metadata)
            implements Command {
        public Start {
            Objects.requireNonNull(uuid, "uuid");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(mix, "mix");
        }

        /** {@code true} when metadata was given; it is then sent as the first text frame. */
        public boolean hasMetadata() {
            return metadata != null;
        }
    }

    /** {@code <uuid> stop [text...]}; {@code finalText} is {@code null} when none was given. */
    record Stop(String uuid, String finalText) implements Command {
        public Stop {
            Objects.requireNonNull(uuid, "uuid");
        }
    }

    /** {@code <uuid> send_text <text...>}. */
    record SendText(String uuid, String text) implements Command {
        public SendText {
            Objects.requireNonNull(uuid, "uuid");
            Objects.requireNonNull(text, "text");
        }
    }

    /** {@code <uuid> pause}: frames are dropped (not replaced by silence) until resume. */
    record Pause(String uuid) implements Command {
        public Pause {
            Objects.requireNonNull(uuid, "uuid");
        }
    }

    /** {@code <uuid> resume}. */
    record Resume(String uuid) implements Command {
        public Resume {
            Objects.requireNonNull(uuid, "uuid");
        }
    }

    /** {@code <uuid> start_ai}: AI mode with the session's {@code AUDIO_STREAM_AI_*} variables. */
    record StartAi(String uuid) implements Command {
        public StartAi {
            Objects.requireNonNull(uuid, "uuid");
        }
    }

    /** {@code <uuid> health}: the per-session health JSON (seed §2.1). */
    record Health(String uuid) implements Command {
        public Health {
            Objects.requireNonNull(uuid, "uuid");
        }
    }

    /** {@code global_health}: the process health JSON (seed §2.2). */
    record GlobalHealth() implements Command {
    }
}
