package org.audiostream.fakes.realtime;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The wire check itself: it must pass good frames and catch each kind of drift. */
class OpenAiWireCheckTest {

    @Test
    void acceptsAGoodServerEventWithTheServiceExtras() {
        assertThatCode(() -> OpenAiWireCheck.assertServerEvent("""
                {"type":"response.output_text.delta","event_id":"event_1","response_id":"resp_1","item_id":"item_1",
                 "output_index":0,"content_index":0,"delta":"Hi","obfuscation":"A5Nj2c"}""")).doesNotThrowAnyException();
    }

    @Test
    void rejectsAnUnknownEventType() {
        assertThatThrownBy(() -> OpenAiWireCheck.assertServerEvent("""
                {"type":"response.audio.delta","event_id":"e","response_id":"r","item_id":"i","output_index":0,
                 "content_index":0,"delta":"AAAA"}""")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("not a valid RealtimeServerEvent");
    }

    @Test
    void rejectsAKnownFieldOfTheWrongKind() {
        assertThatThrownBy(() -> OpenAiWireCheck.assertServerEvent("""
                {"type":"input_audio_buffer.speech_started","event_id":"e","audio_start_ms":"300","item_id":"i"}"""))
                .isInstanceOf(AssertionError.class).hasMessageContaining("audio_start_ms");
    }

    @Test
    void rejectsAMissingRequiredField() {
        assertThatThrownBy(() -> OpenAiWireCheck.assertServerEvent("""
                {"type":"input_audio_buffer.speech_stopped","event_id":"e","item_id":"i"}"""))
                .isInstanceOf(AssertionError.class).hasMessageContaining("audio_end_ms");
    }

    @Test
    void rejectsAMisspelledOptionalFieldDeepInside() {
        assertThatThrownBy(() -> OpenAiWireCheck.assertServerEvent("""
                {"type":"conversation.item.done","event_id":"e","previous_item_id":null,
                 "item":{"id":"i","type":"message","role":"assistant","status":"completed",
                         "content":[{"type":"output_audio","transcrpt":"hi"}]}}"""))
                .isInstanceOf(AssertionError.class).hasMessageContaining("transcrpt");
    }

    @Test
    void rejectsAnUnknownEnumValue() {
        assertThatThrownBy(() -> OpenAiWireCheck.assertClientEvent("""
                {"type":"session.update","session":{"type":"realtime","audio":{"input":{"format":{"type":"g711_ulaw"}}}}}"""))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void clientEventsGetNoExtras() {
        assertThatCode(() -> OpenAiWireCheck.assertClientEvent("""
                {"type":"session.update","session":{"type":"realtime","output_modalities":["audio"],
                 "audio":{"input":{"format":{"type":"audio/pcmu"},"turn_detection":{"type":"server_vad",
                 "threshold":0.5,"prefix_padding_ms":300,"silence_duration_ms":500}},
                 "output":{"format":{"type":"audio/pcmu"},"voice":"marin"}}}}""")).doesNotThrowAnyException();
        assertThatThrownBy(() -> OpenAiWireCheck.assertClientEvent("""
                {"type":"session.update","session":{"type":"realtime","temperature":0.8}}"""))
                .isInstanceOf(AssertionError.class).hasMessageContaining("temperature");
        assertThatCode(() -> OpenAiWireCheck.assertClientEvent("""
                {"type":"response.create","response":{"metadata":{"any":"key"},"tools":[{"type":"function",
                 "name":"f","parameters":{"type":"object","properties":{}}}]}}"""))
                .as("free-form maps keep any key").doesNotThrowAnyException();
        assertThatThrownBy(() -> OpenAiWireCheck.assertClientEvent("""
                {"type":"session.update","session":{"type":"realtime","id":"sess_1"}}"""))
                .isInstanceOf(AssertionError.class).hasMessageContaining("id");
    }
}
