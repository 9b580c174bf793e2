package org.audiostream.stream.ai;

/**
 * Where an AI session is in its conversation; every change is a {@code mod_audio_stream::ai_state} event.
 * The names are the events' and health's {@code state} values.
 */
public enum AiState {
    /** Created, not connecting yet. */
    IDLE,
    /** Opening the first Realtime session and waiting for it to confirm the configuration. */
    CONNECTING,
    /** The caller has the floor: audio flows to the model. */
    LISTENING,
    /** The caller finished a turn (or a response was requested); the answer has not started playing. */
    PROCESSING,
    /** The agent's audio is playing to the caller. */
    SPEAKING,
    /** The connection was lost; a new session is being opened, caller audio is kept for it. */
    RECONNECTING,
    /** Given up (a fatal error, or every reconnect failed); the call stays up. */
    FAILED,
    /** Stopped by {@code stop} or the call's end. */
    SHUTDOWN
}
