package org.audiostream.fakes.realtime;

import java.util.Base64;
import java.util.Locale;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The caller's side of a session: appended audio on the input timeline (milliseconds of audio since the
 * session started: bytes ÷ 8 for G.711, ÷ 48 for PCM 24 kHz), the uncommitted buffer, server VAD, and the
 * end of a turn: {@code input_audio_buffer.committed}, the user item ({@code conversation.item.added} /
 * {@code .done}), its transcription when configured, then a response when turn detection asks for one.
 *
 * <p>{@code speech_started.audio_start_ms} is the onset back-dated by {@code prefix_padding_ms} (never before
 * the buffer's start); {@code speech_stopped.audio_end_ms} includes the silence that ended the turn.
 *
 * <p>Threads: confined to the session's event loop.
 */
final class InputAudioBuffer {

    /** What the buffer needs from its session. */
    interface Host {
        void emit(ObjectNode event);

        EffectiveSession session();

        Conversation conversation();

        /** The caller started speaking: cancel the idle timer, barge in on a response if configured. */
        void speechStarted(VadSettings settings);

        /** A turn ended and turn detection wants a response (unless one is running). */
        void respond();

        String nextUserTranscript();
    }

    static final long MIN_COMMIT_MS = 100;

    private final Host host;
    private final ServerEvents events;
    private final Recording received;
    private final ServerVad vad;

    private double audioMs;
    private double bufferStartMs;
    private String turnItemId;
    private volatile double receivedMs;

    InputAudioBuffer(Host host, ServerEvents events, Recording received, int vadOnsetMs) {
        this.vad = new ServerVad(new VadListener(), vadOnsetMs);
        this.host = host;
        this.events = events;
        this.received = received;
    }

    /** Milliseconds of input audio received; readable from any thread. */
    double receivedMs() {
        return receivedMs;
    }

    /** Applies the turn detection in force (null: off). */
    void configure(VadSettings settings) {
        if (settings == null) {
            vad.reset();
        } else {
            vad.configure(settings);
        }
    }

    /** {@code input_audio_buffer.append}. */
    void append(String base64) {
        byte[] audio;
        try {
            audio = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new ProtocolError("invalid_value", "Invalid 'audio': expected base64-encoded audio bytes.", "audio");
        }
        if (audio.length > FakeRealtimeConfig.MAX_APPEND_BYTES) {
            throw new ProtocolError("invalid_value", "Invalid 'audio': the audio of one append must be at most "
                    + FakeRealtimeConfig.MAX_APPEND_BYTES + " bytes, but got " + audio.length + ".", "audio");
        }
        received.add(audio, 0, audio.length);
        AudioFormat format = host.session().inputFormat();
        double startMs = audioMs;
        audioMs += (double) audio.length / format.bytesPerMs();
        receivedMs = audioMs;
        if (host.session().turnDetection() != null) {
            vad.feed(format.decode(audio), format.sampleRate(), startMs);
        }
    }

    /** {@code input_audio_buffer.commit}: the client ends the turn; no response follows by itself. */
    void commit() {
        double bufferedMs = audioMs - bufferStartMs;
        if (bufferedMs < MIN_COMMIT_MS) {
            throw new ProtocolError("input_audio_buffer_commit_empty", String.format(Locale.ROOT,
                    "Error committing input audio buffer: buffer too small. Expected at least %dms of audio, but "
                            + "buffer only has %.2fms of audio.", MIN_COMMIT_MS, bufferedMs), null);
        }
        String itemId = turnItemId != null ? turnItemId : events.ids().item();
        vad.reset();
        endTurn(itemId, Math.round(audioMs), true, false);
    }

    /** {@code input_audio_buffer.clear}. */
    void clear() {
        bufferStartMs = audioMs;
        turnItemId = null;
        vad.reset();
        host.emit(events.cleared());
    }

    /** Speech from now, without audio evidence (a test's "the caller spoke"); no-op while speech is on. */
    void speechNow() {
        if (!vad.speaking()) {
            vad.forceSpeech(audioMs);
            speechStarted(Math.round(audioMs));
        }
    }

    boolean speaking() {
        return vad.speaking();
    }

    /** {@code idle_timeout_ms} ran out: the silent buffer becomes a turn, and a response follows. */
    void idleTimeout() {
        String itemId = events.ids().item();
        host.emit(events.timeoutTriggered(Math.round(bufferStartMs), Math.round(audioMs), itemId));
        endTurn(itemId, Math.round(audioMs), false, true);
    }

    private final class VadListener implements ServerVad.Listener {
        @Override
        public void onSpeechStarted(long onsetMs) {
            speechStarted(onsetMs);
        }

        @Override
        public void onSpeechStopped(long audioEndMs) {
            String itemId = turnItemId;
            host.emit(events.speechStopped(audioEndMs, itemId));
            VadSettings settings = host.session().turnDetection();
            endTurn(itemId, audioEndMs, true, settings != null && settings.createResponse());
        }
    }

    private void speechStarted(long onsetMs) {
        VadSettings settings = host.session().turnDetection();
        int prefix = settings == null ? 0 : settings.prefixPaddingMs();
        long audioStartMs = Math.max(Math.round(bufferStartMs), onsetMs - prefix);
        turnItemId = events.ids().item();
        host.emit(events.speechStarted(audioStartMs, turnItemId));
        host.speechStarted(settings);
    }

    private void endTurn(String itemId, long endMs, boolean transcribe, boolean respond) {
        Conversation conversation = host.conversation();
        String previous = conversation.lastItemId();
        host.emit(events.committed(previous, itemId));
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        item.put("id", itemId).put("object", "realtime.item").put("type", "message").put("status", "completed")
                .put("role", "user");
        item.putArray("content").addObject().put("type", "input_audio").putNull("transcript");
        conversation.putInputAudio(item, Math.max(0, endMs - Math.round(bufferStartMs)));
        host.emit(events.itemAdded(previous, item));
        host.emit(events.itemDone(previous, item));
        bufferStartMs = endMs;
        turnItemId = null;
        if (transcribe && host.session().transcriptionEnabled()) {
            transcribe(item);
        }
        if (respond) {
            host.respond();
        }
    }

    private void transcribe(ObjectNode item) {
        String transcript = host.nextUserTranscript();
        String itemId = item.path("id").asString();
        for (String word : ResponseStream.words(transcript)) {
            host.emit(events.transcriptionDelta(itemId, word));
        }
        ((ObjectNode) item.path("content").path(0)).put("transcript", transcript);
        host.emit(events.transcriptionCompleted(itemId, transcript, host.conversation().audioTokens(),
                Conversation.words(transcript)));
    }
}
