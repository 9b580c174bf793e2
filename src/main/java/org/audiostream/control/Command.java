package org.audiostream.control;

import org.audiostream.call.sip.HangupCause;
import org.audiostream.media.MixMode;
import java.util.Map;
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

    /**
     * {@code <uuid> start_ai [json]}: AI mode with the session's {@code AUDIO_STREAM_AI_*} variables, the JSON
     * object's variables (names or aliases, values as text) on top for this call only.
     */
    record StartAi(String uuid, Map<String, String> overrides) implements Command {
        public StartAi {
            Objects.requireNonNull(uuid, "uuid");
            overrides = Map.copyOf(overrides);
        }
    }

    /** {@code <uuid> ai_function_result <call_id> <json>}: the result of a tool call the agent asked for. */
    record AiFunctionResult(String uuid, String callId, String output) implements Command {
        public AiFunctionResult {
            Objects.requireNonNull(uuid, "uuid");
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(output, "output");
        }
    }

    /** {@code <uuid> health}: the per-session health JSON (seed §2.1). */
    record Health(String uuid) implements Command {
        public Health {
            Objects.requireNonNull(uuid, "uuid");
        }
    }

    /** {@code uuid_kill <uuid> [cause]}: hang up with a BYE carrying {@code Reason: Q.850;cause=N}. */
    record Kill(String uuid, HangupCause cause) implements Command {
        public Kill {
            Objects.requireNonNull(uuid, "uuid");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /** {@code uuid_deflect <uuid> <sip-uri>}: blind transfer of the caller with REFER (RFC 3515). */
    record Deflect(String uuid, String referTo) implements Command {
        public Deflect {
            Objects.requireNonNull(uuid, "uuid");
            Objects.requireNonNull(referTo, "referTo");
        }
    }

    /** {@code uuid_send_dtmf <uuid> <digits>[@<ms>]}: RFC 4733 telephone-events to the caller. */
    record SendDtmf(String uuid, String digits, int durationMs) implements Command {
        public SendDtmf {
            Objects.requireNonNull(uuid, "uuid");
            Objects.requireNonNull(digits, "digits");
        }
    }

    /** {@code uuid_break <uuid>}: stop what is playing (the inject buffer is flushed, its marks cleared). */
    record Break(String uuid) implements Command {
        public Break {
            Objects.requireNonNull(uuid, "uuid");
        }
    }

    /** {@code global_health}: the process health JSON (seed §2.2). */
    record GlobalHealth() implements Command {
    }
}
