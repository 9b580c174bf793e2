package org.audiostream.stream.ai;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.audiostream.fakes.realtime.OpenAiWireCheck;
import org.audiostream.media.G711Law;
import org.junit.jupiter.api.Test;

/** Every client event the engine sends parses as the official openai-java model of that event. */
class RealtimeWireFormatTest {

    @Test
    void sessionUpdatesInEveryConfigurationMatchTheOfficialModel() {
        OpenAiWireCheck.assertClientEvent(RealtimeClientEvents.sessionUpdate(
                RealtimeClientEventsTest.options(Map.of(), Optional.of(G711Law.PCMU))));
        OpenAiWireCheck.assertClientEvent(RealtimeClientEvents.sessionUpdate(
                RealtimeClientEventsTest.options(Map.of("AUDIO_STREAM_AI_TURN_DETECTION", "semantic_vad",
                        "AUDIO_STREAM_AI_AUDIO_FORMAT", "pcm24", "AUDIO_STREAM_AI_NOISE_REDUCTION", "off",
                        "AUDIO_STREAM_AI_TRANSCRIPTION_MODEL", "none", "AUDIO_STREAM_AI_TRANSCRIPTION_LANGUAGE", "de",
                        "AUDIO_STREAM_AI_TOOLS", "[{\"type\":\"function\",\"name\":\"f\",\"description\":\"d\","
                                + "\"parameters\":{\"type\":\"object\"}}]"), Optional.of(G711Law.PCMA))));
        OpenAiWireCheck.assertClientEvent(RealtimeClientEvents.sessionUpdate(
                RealtimeClientEventsTest.options(Map.of("AUDIO_STREAM_AI_TURN_DETECTION", "none"), Optional.empty())));
    }

    @Test
    void conversationAndResponseEventsMatchTheOfficialModels() {
        OpenAiWireCheck.assertClientEvent(RealtimeClientEvents.userText("hello"));
        OpenAiWireCheck.assertClientEvent(RealtimeClientEvents.assistantText("hi, how can I help?"));
        OpenAiWireCheck.assertClientEvent(RealtimeClientEvents.functionCallOutput("call_1", "{\"ok\":true}"));
        OpenAiWireCheck.assertClientEvent(RealtimeClientEvents.responseCreate());
        OpenAiWireCheck.assertClientEvent(RealtimeClientEvents.responseCancel("resp_1"));
        OpenAiWireCheck.assertClientEvent(RealtimeClientEvents.truncate("item_1", 1520));
    }

    @Test
    void theAppendMessageMatchesTheOfficialModel() {
        AppendChunker chunker = new AppendChunker(RealtimeFormat.PCMU, 40, 162);
        chunker.add(new short[160], 160);
        chunker.add(new short[160], 160);
        OpenAiWireCheck.assertClientEvent(new String(chunker.message(), 0, chunker.messageLength(), StandardCharsets.US_ASCII));
    }
}
